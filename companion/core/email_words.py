"""Every word a helper reads in an e-mail from Companion, written once.

Plain, short, calm; what to do next (call the person). Companion only knows what was
marked: a dose with no answer may have been taken and not ticked, so an e-mail never says
"missed" and never suggests a double dose. With ``private`` no medicine name appears.
Subjects never name a medicine (they show on lock screens).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from companion.core.dose_state import reason_words
from companion.core.doses import DoseStatus, DoseView

A_DOSE = "a dose"
PRIVATE_MEDICINE = "one of their medicines (names are left out for privacy)"
SIGN_OFF = (
    "This e-mail was sent by Companion, the medicine reminder on {patient}'s computer, "
    "because {patient} asked it to tell you. To stop these e-mails, {patient} can remove "
    "you in Companion: Settings, Helpers and e-mail."
)


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def one_line(text: str) -> str:
    """``text`` with every control character (line breaks too) turned into a space.

    Names typed in other parts of Companion are checked already; this is the last guard
    before anything reaches a mail header.
    """
    cleaned = "".join(
        " " if ord(char) < 32 or char in "\x7f\x85\u2028\u2029" else char for char in text
    )
    return " ".join(cleaned.split())


def patient_words(name: str) -> str:
    return one_line(name) or "the person you help"


def _when(moment: datetime) -> str:
    """e.g. "Monday 2 March at 08:00"."""
    return f"{moment:%A} {moment.day} {moment:%B} at {moment:%H:%M}"


def _medicine(dose: DoseView, *, private: bool) -> str:
    if private:
        return PRIVATE_MEDICINE
    return dose.label or A_DOSE


def rings_text(
    dose: DoseView, *, missed_after: timedelta, repeat_every: timedelta, now: datetime
) -> str:
    """How often Companion rang for the dose, from when its alarm first showed."""
    if dose.alerted_at is None:
        return (
            "Companion's alarm did not ring for this dose: Companion was closed or the "
            "computer was off or asleep at the time."
        )
    first = dose.alerted_at.astimezone(dose.due.tzinfo)
    last = min(dose.due + missed_after, now)
    times = 1 + max(0, int((last - first) / repeat_every)) if repeat_every else 1
    if times <= 1:
        return f"Companion's alarm rang at {first:%H:%M}."
    minutes = int(repeat_every.total_seconds() // 60)
    return (
        f"Companion's alarm rang at {first:%H:%M} and again every {minutes} minutes until "
        f"{last.astimezone(dose.due.tzinfo):%H:%M} (about {times} times, fewer if it was "
        "snoozed). Nobody pressed “Taken” or “Skip”."
    )


def alert_text(
    dose: DoseView,
    *,
    helper_name: str,
    patient: str,
    private: bool,
    rings: str,
) -> MailText:
    who = patient_words(patient)
    subject = f"Companion: no answer for {who}'s {dose.due:%H:%M} dose"
    body = "\n".join(
        [
            f"Hello {one_line(helper_name)},",
            "",
            f"No answer was recorded in Companion for {who}'s dose:",
            f"  What: {_medicine(dose, private=private)}",
            f"  Due: {_when(dose.due)}",
            "",
            rings,
            "",
            "This does not mean the dose was missed: it may have been taken and not marked.",
            "",
            f"What to do: please call {who} and ask whether they took it.",
            "- If they took it, they can mark it in Companion with “I took it”.",
            "- If they did not, their care team's plan for a missed dose says what to do. "
            "Do not suggest a double dose.",
            "- If they are unwell or you cannot reach them and are worried, call 911 "
            "or go to the nearest hospital.",
            "",
            SIGN_OFF.format(patient=who),
        ]
    )
    return MailText(subject, body)


def answer_words(dose: DoseView, *, private: bool) -> str:
    """e.g. "taken at 10:20" or "marked as not taken (side effects)"."""
    zone = dose.due.tzinfo
    if dose.status is DoseStatus.TAKEN and dose.acted_at is not None:
        return f"taken at {dose.acted_at.astimezone(zone):%H:%M}"
    if dose.status is DoseStatus.SKIPPED:
        if private or dose.skip_reason is None:
            return "marked as not taken"
        return f"marked as not taken ({reason_words(dose.skip_reason).lower()})"
    if dose.status is DoseStatus.MISSED:
        return "no answer"
    return "not due yet" if dose.status is DoseStatus.UPCOMING else "due, no answer yet"


def follow_up_text(dose: DoseView, *, helper_name: str, patient: str, private: bool) -> MailText:
    who = patient_words(patient)
    subject = f"Companion: {who}'s {dose.due:%H:%M} dose has now been marked"
    body = "\n".join(
        [
            f"Hello {one_line(helper_name)},",
            "",
            f"Earlier Companion told you that {who}'s dose due {_when(dose.due)} had no answer.",
            f"It has now been {answer_words(dose, private=private)}.",
            f"  What: {_medicine(dose, private=private)}",
            "",
            "Nothing more needs to be done about this e-mail.",
            "",
            SIGN_OFF.format(patient=who),
        ]
    )
    return MailText(subject, body)


def summary_text(
    doses: Sequence[DoseView], *, helper_name: str, patient: str, private: bool, day: datetime
) -> MailText:
    """The evening summary: each dose of the day so far, with what was marked."""
    who = patient_words(patient)
    subject = f"Companion: {who}'s doses on {day:%A} {day.day} {day:%B}"
    taken = sum(dose.status is DoseStatus.TAKEN for dose in doses)
    skipped = sum(dose.status is DoseStatus.SKIPPED for dose in doses)
    unanswered = len(doses) - taken - skipped
    lines = [
        f"Hello {one_line(helper_name)},",
        "",
        f"Here is what was marked in Companion for {who} today.",
        f"Taken: {taken}. Not taken: {skipped}. No answer: {unanswered}.",
        "",
    ]
    for number, dose in enumerate(doses, start=1):
        what = f"dose {number}" if private else (dose.label or A_DOSE)
        lines.append(f"- {dose.due:%H:%M} {what}: {answer_words(dose, private=private)}")
    if not doses:
        lines.append("- No doses were planned today.")
    if unanswered:
        lines += [
            "",
            "“No answer” means nothing was marked: the dose may have been taken and not "
            f"marked. If you are unsure, please call {who}. Do not suggest a double dose.",
        ]
    lines += ["", SIGN_OFF.format(patient=who)]
    return MailText(subject, "\n".join(lines))


def test_text(*, helper_name: str, patient: str) -> MailText:
    who = patient_words(patient)
    return MailText(
        "Companion: test e-mail",
        "\n".join(
            [
                f"Hello {one_line(helper_name)},",
                "",
                f"This is a test e-mail from Companion on {who}'s computer. It shows that "
                "Companion's e-mails reach you. Nothing needs to be done.",
                "",
                SIGN_OFF.format(patient=who),
            ]
        ),
    )
