"""The welcome page: one step at a time, each with its main button, "Skip this step" and
"Back"; every outcome is stored at once. The last page sums up and says where to do what
was skipped. It is a page of the main window, so Emergency help stays in its header."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from companion.core.welcome import (
    STEP_TITLES,
    STEPS,
    StepOutcome,
    WelcomeStep,
    first_step,
    next_step,
    outcome_words,
    previous_step,
    step_counter,
    summary_lines,
)
from companion.services.profile import ProfileService
from companion.ui.welcome.parts import TEXT_WIDTH, WelcomeStepWidget, big_button, text_label

TITLE = "Welcome to Companion"
INTRO = (
    "A few short steps help Companion remind you of your medicines. "
    "Each step can be skipped, and you can come back to them later from the "
    "Companion menu: \u201cWelcome and set-up\u2026\u201d."
)
SUMMARY_TITLE = "You are ready to start"
SUMMARY_NOTE = (
    "Companion reminds you only while it is running. In an emergency, press "
    "\u201cEmergency help\u201d at the top of every page."
)


class WelcomePage(QWidget):
    """The steps in order. ``leave`` asks the main window to show a page (its key)."""

    leave = Signal(str)
    health_questions_requested = Signal()

    def __init__(
        self,
        profiles: ProfileService,
        steps: Sequence[WelcomeStepWidget],
        *,
        zone: Callable[[], tzinfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self._zone = zone
        self.steps = {step.step: step for step in steps}
        if set(self.steps) != set(STEPS):
            raise ValueError("the welcome needs exactly one widget for each step")
        self.current: WelcomeStep | None = None
        self.setAccessibleName(TITLE)

        title = QLabel(TITLE)
        title.setObjectName("pageTitle")
        self.intro = text_label(INTRO)
        self.counter = text_label(role="stepCounter")
        self.step_title = text_label(role="stepTitle")
        bold = QFont()  # only the weight: the size still follows the text-size setting
        bold.setBold(True)
        self.step_title.setFont(bold)
        self.last_time = text_label(role="hint")

        # Only the current step is visible; hidden ones take no room. (A QStackedWidget
        # would not pass wrapped text's height on to the scroll area.)
        self.bodies = QVBoxLayout()
        self.bodies.setContentsMargins(0, 0, 0, 0)
        for step in STEPS:
            widget = self.steps[step]
            widget.completed.connect(self._completed)
            widget.primary_changed.connect(self._primary_changed)
            widget.refocus.connect(self.focus_first)
            self.bodies.addWidget(widget)
        self.summary = self._build_summary()
        self.bodies.addWidget(self.summary)
        self._show_body(None)

        self.primary_button = big_button("", primary=True)
        self.primary_button.clicked.connect(self._act)
        self.skip_button = big_button("")
        self.skip_button.clicked.connect(self.skip)
        self.back_button = big_button("Back", accessible_name="Back to the step before")
        self.back_button.clicked.connect(self.back)
        footer = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.footer_layout = footer
        footer.addWidget(self.primary_button)
        footer.addWidget(self.skip_button)
        footer.addStretch(1)
        footer.addWidget(self.back_button)
        self.footer = QWidget()
        self.footer.setLayout(footer)
        footer.setContentsMargins(0, 0, 0, 0)

        content = QWidget()
        content.setMaximumWidth(TEXT_WIDTH + 80)
        column = QVBoxLayout(content)
        self.column = column
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(self.intro)
        column.addWidget(self.counter)
        column.addWidget(self.step_title)
        column.addWidget(self.last_time)
        column.addLayout(self.bodies)
        column.addWidget(self.footer)
        column.addStretch(1)
        scroller = self.scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroller)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_footer()

    def _fit_footer(self) -> None:
        """The buttons side by side when they fit, else one under the other (large text)."""
        buttons = [self.primary_button, self.skip_button, self.back_button]
        spacing = max(self.footer_layout.spacing(), 0)
        needed = sum(b.sizeHint().width() + spacing for b in buttons if not b.isHidden())
        margins = self.column.contentsMargins()
        available = self.scroller.viewport().width() - margins.left() - margins.right()
        fits = needed <= available
        self.footer_layout.setDirection(
            QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        )

    def _show_body(self, shown: QWidget | None) -> None:
        for index in range(self.bodies.count()):
            item = self.bodies.itemAt(index)
            body = item.widget() if item is not None else None
            if body is not None:
                body.setVisible(body is shown)

    def _build_summary(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.summary_text = text_label()
        self.summary_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        column.addWidget(self.summary_text)
        column.addWidget(text_label(SUMMARY_NOTE))
        self.today_button = big_button("Go to Today", primary=True)
        self.today_button.clicked.connect(lambda: self.leave.emit("today"))
        column.addWidget(self.today_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return page

    # --- moving between steps ---------------------------------------------------------------

    def start(self, *, from_menu: bool) -> None:
        """Show the first step: from the menu the very first, else the first not decided."""
        self.show_step(first_step(self._profiles.welcome_progress(), from_menu=from_menu))

    def show_step(self, step: WelcomeStep) -> None:
        self.current = step
        widget = self.steps[step]
        record = self._profiles.welcome_progress().records.get(step)
        widget.refresh(record)
        self.intro.setVisible(step is STEPS[0])
        self.counter.setText(step_counter(step))
        self.counter.setVisible(True)
        self.step_title.setText(STEP_TITLES[step])
        self.last_time.setText(f"Last time: {outcome_words(record, self._zone())}")
        self.last_time.setVisible(record is not None)
        self.primary_button.setText(widget.primary_text)
        self.primary_button.setAccessibleName(widget.primary_text)
        self.skip_button.setText(widget.skip_text)
        self.skip_button.setAccessibleName(f"{widget.skip_text}: {STEP_TITLES[step].lower()}")
        self.back_button.setVisible(previous_step(step) is not None)
        self.footer.setVisible(True)
        self._show_body(widget)
        self._fit_footer()
        self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard on the step's first control (or its main button)."""
        if self.current is None:
            self.today_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        target = self.steps[self.current].first_focus() or self.primary_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _act(self) -> None:
        if self.current is not None:
            self.steps[self.current].act()

    def skip(self) -> None:
        if self.current is not None:
            self._decided(self.current, StepOutcome.SKIPPED)

    def back(self) -> None:
        if self.current is not None:
            before = previous_step(self.current)
            if before is not None:
                self.show_step(before)

    def _completed(self, outcome: StepOutcome) -> None:
        sender = self.sender()
        if isinstance(sender, WelcomeStepWidget) and sender.step is self.current:
            self._decided(sender.step, outcome)

    def _primary_changed(self, text: str) -> None:
        sender = self.sender()
        if isinstance(sender, WelcomeStepWidget) and sender.step is self.current:
            self.primary_button.setText(text)
            self.primary_button.setAccessibleName(text)

    def _decided(self, step: WelcomeStep, outcome: StepOutcome) -> None:
        self._profiles.record_step(step, outcome)
        following = next_step(step)
        if following is not None:
            self.show_step(following)
        elif step is WelcomeStep.HEALTH_QUESTIONS and outcome is StepOutcome.DONE:
            self.current = None
            self.health_questions_requested.emit()
        else:
            self.show_summary()

    def show_summary(self) -> None:
        self.current = None
        lines = summary_lines(self._profiles.welcome_progress())
        self.summary_text.setText("\n".join(f"\u2022 {line}" for line in lines))
        self.summary_text.setAccessibleName(" ".join(lines))
        self.intro.setVisible(False)
        self.counter.setVisible(False)
        self.step_title.setText(SUMMARY_TITLE)
        self.last_time.setVisible(False)
        self.footer.setVisible(False)
        self._show_body(self.summary)
        self.focus_first()
