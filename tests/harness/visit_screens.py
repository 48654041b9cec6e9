"""The visits' screens for the every-screen test: the questions and appointments sections
(with the add form open), the reminder window and the follow-up after a skip for cost."""

from collections.abc import Iterator
from datetime import date, time

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from companion.app import Companion
from companion.core.appointments import AppointmentDraft
from companion.core.skip_follow_up import COST
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.pages.visits import add_visit_sections
from companion.ui.skip_follow_up import SkipFollowUpWindow


def add_visits(services) -> None:
    """Two visits to come, one question open and one asked (clock: Monday 2 March 08:05)."""
    visits = services.visits
    visits.add_appointment(
        AppointmentDraft(
            date(2026, 3, 3),
            time(10, 30),
            "Dr. Ana Silva (oncologist)",
            "Sarcoma clinic, 3rd floor, room 12",
            "Bring the scan report and the list of medicines.",
        )
    )
    visits.add_appointment(AppointmentDraft(date(2026, 3, 17), time(14, 0), "Nurse Kim"))
    visits.add_question("Can I take my medicine with green tea?")
    asked = visits.add_question("Is it safe to swim while my scar heals?")
    visits.set_asked(asked.id, asked=True)


class _Host(QWidget):
    """Stands in for the Care team page, which hosts the sections with ``add_section``."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Care team — visits")
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        QVBoxLayout(self).addWidget(area)

    def add_section(self, widget: QWidget) -> None:
        self.column.addWidget(widget)


def visit_screens(companion: Companion, scale: int) -> Iterator[tuple[str, QWidget]]:
    assert companion.services is not None and companion.delivery is not None
    services, window = companion.services, companion.window
    host = _Host()
    _questions, appointments = add_visit_sections(
        host, services.visits, companion.clock, follow_app_link=lambda _target: None
    )
    host.resize(window.size())
    host.show()
    yield f"visits-{scale}", host
    appointments.start_adding()
    yield f"visits-form-{scale}", host
    host.close()
    host.deleteLater()
    reminders = companion.delivery.reminders
    assert reminders is not None
    reminders.window.add(services.visits.reminders(companion.clock.now())[:1])
    yield f"reminder-{scale}", reminders.window
    reminders.window.close()
    numbers = CareTeamNumbers(services.care_team, lambda _target: None)
    follow_up = SkipFollowUpWindow(numbers, open_journal=lambda: None, show_emergency=lambda: None)
    follow_up.show_follow_up(COST)
    yield f"skip-cost-{scale}", follow_up
    follow_up.close()
    follow_up.deleteLater()
