"""What Companion says after a dose was skipped for cost or for side effects: the handout's
own points (tell the care team; they can help manage side effects and know of programs that
help pay for medicines), whose number to show, and whether to offer a journal entry. No
advice about the dose itself: that stays with the care team's plan."""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.care_team import CareRole
from companion.core.doses import SkipReason


@dataclass(frozen=True)
class SkipFollowUp:
    reason: SkipReason
    title: str
    words: str
    number_label: str
    role: CareRole
    """Whose number is shown (the number widget falls back to any stored contact)."""
    offers_journal: bool = False


COST = SkipFollowUp(
    reason=SkipReason.COST,
    title="Money worries and your medicine",
    words=(
        "Money problems can make it hard to take your medicine. Tell your care team. "
        "They can tell you about programs that help people pay for their medicine."
    ),
    number_label="Your financial counsellor:",
    role=CareRole.FINANCIAL_COUNSELLOR,
)
SIDE_EFFECTS = SkipFollowUp(
    reason=SkipReason.SIDE_EFFECTS,
    title="Side effects and your medicine",
    words=(
        "Side effects can make it hard to take your medicine. Tell your care team as soon "
        "as you notice them: they can help you manage side effects. You can also write down "
        "what you feel in your journal, to show them."
    ),
    number_label="Your care team:",
    role=CareRole.NURSE,
    offers_journal=True,
)
WRITE_IN_JOURNAL = "Write it in my journal"


def follow_up_for(reason: SkipReason | None) -> SkipFollowUp | None:
    """The follow-up for a skip reason, or None when the reason has none."""
    return _BY_REASON.get(reason) if reason is not None else None


_BY_REASON = {SkipReason.COST: COST, SkipReason.SIDE_EFFECTS: SIDE_EFFECTS}
