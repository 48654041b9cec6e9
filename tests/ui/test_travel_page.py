"""The trip planner from the keyboard: choose a place, see the plan (every dose listed and
what to pack), save it, and save the checklist as a PDF file (read back with pypdf)."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from companion.core.travel import TimePlan
from companion.ui.pages.travel import TravelPage

from harness.medicines import daily, draft

NUMBERS = ["Dana Ruiz (Nurse): 555-0100"]


@pytest.fixture
def page(qtbot, services, clock):
    services.medications.add(draft("Imatinib", pills="5"), daily("08:00", start=date(2026, 3, 1)))
    widget = TravelPage(services.travel, clock, numbers=lambda: NUMBERS)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_place(qtbot, page: TravelPage, text: str) -> None:
    page.form.destination.setFocus()
    qtbot.keyClicks(page.form.destination, text)


def test_plan_and_save_a_trip_from_the_keyboard(qtbot, page, services, tmp_path) -> None:
    assert not page.save_button.isEnabled()  # nothing to save before the plan is shown
    type_place(qtbot, page, "Paris (Europe/Paris)")
    page.form.plan_buttons[TimePlan.FOLLOW_LOCAL].setFocus()
    qtbot.keyClick(page.form.plan_buttons[TimePlan.FOLLOW_LOCAL], Qt.Key.Key_Space)
    page.show_button.setFocus()
    qtbot.keyClick(page.show_button, Qt.Key.Key_Space)

    text = page.plan_view.toPlainText()
    # leaving Tue 3 Mar 09:00, back Tue 10 Mar 09:00 (home time): 7 doses, 3 extra days
    assert "Imatinib 400 mg: pack 10 tablets (7 tablets for the trip, 3 tablets for 3 extra" in text
    assert "Not enough: your 5 tablets run out on Sat 7 Mar" in text
    assert "Carry your medicines in your carry-on bag" in text
    assert "Dana Ruiz (Nurse): 555-0100" in text
    assert "Check this plan with your care team" in text
    assert text.count("Imatinib 400 mg, 1 tablet") == 9  # every dose, 3 Mar to 11 Mar
    assert "Wed 4 Mar 08:00" in text  # local clock in Paris from leaving

    assert page.save_button.hasFocus()
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    [trip] = services.travel.trips()
    assert trip.destination == "Europe/Paris" and trip.time_plan is TimePlan.FOLLOW_LOCAL
    assert page.trip_list.item(0).text().startswith("Paris: leaving Tue 3 Mar 09:00")
    assert "Saved" in page.status.text()

    target = tmp_path / "checklist.pdf"
    page.export_pdf(target)
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "carry-on bag" in words and "Imatinib" in words


def test_a_place_that_is_not_a_time_zone_is_refused_in_plain_words(qtbot, page, services):
    type_place(qtbot, page, "Atlantis")
    qtbot.keyClick(page.show_button, Qt.Key.Key_Space)
    assert page.error.isVisible() or not page.error.isHidden()
    assert "Choose the place's time zone from the list." in page.error.text()
    assert not page.save_button.isEnabled() and services.travel.trips() == []


def test_changing_a_field_after_the_plan_asks_to_show_it_again(qtbot, page):
    type_place(qtbot, page, "Tokyo (Asia/Tokyo)")
    qtbot.keyClick(page.show_button, Qt.Key.Key_Space)
    assert page.save_button.isEnabled()
    page.form.extra_days.setFocus()
    qtbot.keyClick(page.form.extra_days, Qt.Key.Key_Up)
    assert not page.save_button.isEnabled()  # the list shown is no longer the trip's


def test_the_zone_question_lists_the_next_doses_before_following_local_time(
    qtbot, services, clock
) -> None:
    from zoneinfo import ZoneInfo

    from companion.ui.zone_question import ZoneQuestionBar

    services.medications.add(draft("Imatinib"), daily("08:00", start=date(2026, 3, 1)))
    links: list[str] = []
    bar = ZoneQuestionBar(services.travel, clock, follow_app_link=links.append)
    window = QWidget()  # as in the main window: the notice sits above the pages
    QVBoxLayout(window).addWidget(bar)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    bar.check(force=True)  # stores New York as home; nothing to ask
    assert bar.isHidden()

    clock.tz = ZoneInfo("Europe/London")
    bar.check()
    assert bar.isVisible()
    assert "London" in bar.text.text() and "New York" in bar.text.text()
    before = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 3))
    assert [f"{d.due:%H:%M}" for d in before] == ["13:00", "13:00"]  # home times, London clock

    bar.follow_button.setFocus()
    qtbot.keyClick(bar.follow_button, Qt.Key.Key_Space)
    assert "Mon 2 Mar 08:00 (was Mon 2 Mar 03:00)" in bar.preview.text()
    assert services.travel.home_zone() == "America/New_York"  # nothing changed yet
    assert bar.confirm_button.hasFocus()
    qtbot.keyClick(bar.confirm_button, Qt.Key.Key_Space)
    assert bar.isHidden()
    after = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 3))
    assert [f"{d.due:%H:%M}" for d in after] == ["08:00", "08:00"]

    clock.tz = ZoneInfo("Asia/Tokyo")
    bar.check()
    qtbot.keyClick(bar.trip_button, Qt.Key.Key_Space)
    assert links == ["travel"]
    qtbot.keyClick(bar.keep_button, Qt.Key.Key_Space)
    assert bar.isHidden() and services.travel.home_zone() == "Europe/London"
