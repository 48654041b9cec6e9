"""Travel: plan a trip, see what to pack and every dose while away, then save it.

The person sees the whole plan (pack counts, the checklist, every dose of the travel days
with its home and local time) before "Save this trip" changes any dose time. The checklist
prints or saves as PDF through ui/printing.py. Questions here are window-modal at most.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.core.travel import Trip, zone_or_none
from companion.core.travel_text import (
    CARRY_ON,
    EXTRA_PILLS,
    moment_text,
    place_name,
    plan_html,
    trip_title,
)
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.travel import TravelService, TripPlan
from companion.ui.flow_layout import FlowLayout
from companion.ui.pages.travel_form import TripForm
from companion.ui.printing import PrintQuestions, set_page_margins, write_pdf

INTRO = f"{CARRY_ON} {EXTRA_PILLS}"
NO_TRIPS = "No trips planned."
PAGE_MARGIN_MM = 15.0


def print_plan(html: str, title: str, printer: QPrinter) -> None:
    printer.setDocName(title)
    set_page_margins(printer, PAGE_MARGIN_MM)
    document = QTextDocument()
    document.setHtml(html)
    document.print_(printer)


def trip_line(trip: Trip) -> str:
    """e.g. "Paris: leaving Tue 10 Mar 09:00, back Tue 17 Mar 18:00" (home time)."""
    home = zone_or_none(trip.home)
    leave, back = trip.leave.astimezone(home), trip.back.astimezone(home)
    return f"{place_name(trip.destination)}: leaving {moment_text(leave)}, back {moment_text(back)}"


class TravelPage(QWidget):
    def __init__(
        self,
        travel: TravelService,
        clock: Clock,
        *,
        numbers: Callable[[], list[str]] = list,
        care_team_number: QWidget | None = None,
    ) -> None:
        super().__init__()
        self._travel = travel
        self._clock = clock
        self._numbers = numbers
        self._plan: TripPlan | None = None
        self._editing: int | None = None
        self._html = ""
        self._printing = PrintQuestions(self, self._print_to)
        self._scroll_soon = QTimer(self)  # a child: never fires after the page is gone
        self._scroll_soon.setSingleShot(True)
        self._scroll_soon.setInterval(0)
        self._scroll_soon.timeout.connect(self._bring_plan_into_view)
        home = zone_or_none(travel.home_zone()) or clock.zone()
        title = QLabel("Travel")
        title.setObjectName("pageTitle")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        trips_heading = QLabel("Your trips")
        trips_heading.setProperty("role", "heading")
        self.trip_list = QListWidget()
        self.trip_list.setAccessibleName("Your trips")
        self.trip_list.setMaximumHeight(140)
        self.open_button = QPushButton("Show this trip")
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton("Remove this trip")
        self.remove_button.clicked.connect(self.remove_selected)
        form_heading = QLabel("Plan a trip")
        form_heading.setProperty("role", "heading")
        self.form = TripForm(now=clock.now(), home=home)
        self.form.edited.connect(self._plan_out_of_date)
        self.show_button = QPushButton("Show the plan")
        self.show_button.setProperty("role", "primary")
        self.show_button.setAccessibleName("Show what to pack and every dose while away")
        self.show_button.clicked.connect(self.show_plan)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.plan_view = QTextBrowser()
        self.plan_view.setAccessibleName("The trip plan: what to pack, checklist, dose times")
        self.plan_view.setOpenLinks(False)
        self.plan_view.setMinimumHeight(260)
        self.plan_view.setVisible(False)
        self.save_button = QPushButton("Save this trip")
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName("Save this trip and its dose times")
        self.save_button.clicked.connect(self.save_trip)
        self.print_button = QPushButton("Print checklist…")
        self.print_button.clicked.connect(self.print_checklist)
        self.pdf_button = QPushButton("Save checklist as PDF…")
        self.pdf_button.clicked.connect(self.ask_where_to_save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")

        trip_buttons = FlowLayout()  # buttons wrap onto a new line with large text
        trip_buttons.addWidget(self.open_button)
        trip_buttons.addWidget(self.remove_button)
        plan_buttons = FlowLayout()
        for button in (self.save_button, self.print_button, self.pdf_button):
            plan_buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(trips_heading)
        layout.addWidget(self.trip_list)
        layout.addLayout(trip_buttons)
        layout.addWidget(form_heading)
        layout.addWidget(self.form)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(self.plan_view, 1)
        if care_team_number is not None:
            care_heading = QLabel("If you have questions about your doses while away:")
            care_heading.setWordWrap(True)
            layout.addWidget(care_heading)
            layout.addWidget(care_team_number)
        layout.addLayout(plan_buttons)
        layout.addWidget(self.status)
        travel.changed.connect(self.refresh_trips)
        self.refresh_trips()
        self._plan_out_of_date()

    # --- trips --------------------------------------------------------------------------------

    def refresh_trips(self) -> None:
        self.trip_list.clear()
        self._trips = self._travel.trips()
        for trip in self._trips:
            item = QListWidgetItem(trip_line(trip))
            item.setData(Qt.ItemDataRole.UserRole, trip.trip_id)
            self.trip_list.addItem(item)
        if not self._trips:
            self.trip_list.addItem(QListWidgetItem(NO_TRIPS))
        has_trips = bool(self._trips)
        self.open_button.setEnabled(has_trips)
        self.remove_button.setEnabled(has_trips)
        if has_trips:
            self.trip_list.setCurrentRow(0)

    def _selected(self) -> Trip | None:
        row = self.trip_list.currentRow()
        return self._trips[row] if 0 <= row < len(self._trips) else None

    def open_selected(self) -> None:
        """Show a saved trip's plan (changing it and saving again updates it)."""
        trip = self._selected()
        if trip is None:
            return
        self.form.show_draft(trip.draft)
        self._editing = trip.trip_id
        self.show_plan()

    def remove_selected(self) -> None:
        trip = self._selected()
        if trip is None:
            return
        self._travel.remove(trip.trip_id)
        if self._editing == trip.trip_id:
            self._editing = None
        self.status.setText("The trip was removed. Dose times are back to home times.")

    # --- the plan -----------------------------------------------------------------------------

    def _plan_out_of_date(self) -> None:
        self._plan = None
        for button in (self.save_button, self.print_button, self.pdf_button):
            button.setEnabled(False)

    def show_plan(self) -> None:
        try:
            plan = self._travel.plan(self.form.draft(), trip_id=self._editing)
        except InvalidInput as problem:
            self.error.setText(str(problem))
            self.error.setVisible(True)
            self.plan_view.setVisible(False)
            self._plan_out_of_date()
            return
        self.error.setVisible(False)
        self._html = plan_html(
            plan.draft,
            home=plan.home,
            packing=plan.packing,
            doses=plan.doses,
            numbers=self._numbers(),
        )
        self.plan_view.setHtml(self._html)
        self.plan_view.setVisible(True)
        self._plan = plan
        for button in (self.save_button, self.print_button, self.pdf_button):
            button.setEnabled(True)
        self.status.setText(
            "Check every dose in the list. Then choose “Save this trip” to use these times."
        )
        self.save_button.setFocus()
        self._scroll_soon.start()  # once the plan is laid out

    def _bring_plan_into_view(self) -> None:
        """The plan is below the form: scroll the page so that it shows."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and content is not None:
            top = self.plan_view.mapTo(content, QPoint(0, 0)).y()
            bar = parent.verticalScrollBar()
            if bar is not None:
                bar.setValue(top - self.show_button.height())

    def save_trip(self) -> None:
        if self._plan is None:
            return
        try:
            saved = self._travel.save(self._plan.draft, trip_id=self._editing)
        except InvalidInput as problem:
            self.error.setText(str(problem))
            self.error.setVisible(True)
            return
        self._editing = saved.trip_id
        self.status.setText(
            f"Saved: the trip to {place_name(saved.destination)}. "
            "The alarms follow the times in the list."
        )

    # --- printing -----------------------------------------------------------------------------

    def _title(self) -> str:
        if self._plan is None:
            return "Trip checklist"
        return trip_title(self._plan.draft)

    def _print_to(self, printer: QPrinter) -> None:
        print_plan(self._html, self._title(), printer)

    def print_checklist(self) -> None:
        self._printing.ask_printer(
            title="Print the trip checklist",
            document_name=self._title(),
            on_printed=lambda: self.status.setText("The checklist was sent to the printer."),
        )

    def ask_where_to_save(self) -> None:
        self._printing.ask_pdf_file(
            title="Save the trip checklist as a PDF file",
            file_name="Trip checklist.pdf",
            on_saved=self._saved,
            on_failed=self._not_saved,
        )

    def export_pdf(self, path: Path) -> None:
        """Write the checklist to a PDF file; raises OSError if nothing was written."""
        write_pdf(path, self._print_to)

    def _saved(self, path: Path) -> None:
        self.status.setText(f"Saved as a PDF file: {path}")

    def _not_saved(self, problem: OSError) -> None:
        self.status.setText(f"The PDF file could not be saved: {problem.strerror or problem}")
