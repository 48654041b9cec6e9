"""The visits' sections of the Care team page: questions for the next visit, then the
appointments. The Care team page hosts them (``add_section``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from companion.platform.clock import Clock
from companion.services.visits import VisitService
from companion.ui.pages.visits_appointments import AppointmentsSection
from companion.ui.pages.visits_questions import QuestionsSection


class SectionHost(Protocol):
    def add_section(self, widget: QWidget) -> None: ...


def add_visit_sections(
    page: SectionHost,
    visits: VisitService,
    clock: Clock,
    *,
    follow_app_link: Callable[[str], None],
) -> tuple[QuestionsSection, AppointmentsSection]:
    questions = QuestionsSection(visits)
    appointments = AppointmentsSection(visits, clock, follow_app_link=follow_app_link)
    page.add_section(questions)
    page.add_section(appointments)
    return questions, appointments
