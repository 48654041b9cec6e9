"""The screening asks about back pain first; the four signs apply only with back pain.

Revision ID: 0007
Revises: 0006

New column ``has_back_pain``; the four sign columns may now be NULL (no back pain: they do not
apply); a third outcome ``no_back_pain``; ``clearance_note`` becomes ``cleared_when`` (the
clearance form now asks who cleared the person and when, both optional).

Rows answered before this version were asked "If you have back pain, do you also have any of
these?", so they keep their four answers and count as answered with back pain. SQLite cannot
change CHECK constraints in place, so the table is rebuilt and every row copied as it was.
Downgrading turns a "no back pain" row into four No answers, which is what the old question
("if you have back pain…") meant for someone without back pain.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SIGNS = ("leg_symptoms", "bladder_bowel", "fever_nausea", "cancer_weight")
_SIGNS_ONLY_WITH_BACK_PAIN = (
    "(has_back_pain = 1 AND leg_symptoms IS NOT NULL AND bladder_bowel IS NOT NULL"
    " AND fever_nausea IS NOT NULL AND cancer_weight IS NOT NULL)"
    " OR (has_back_pain = 0 AND leg_symptoms IS NULL AND bladder_bowel IS NULL"
    " AND fever_nausea IS NULL AND cancer_weight IS NULL)"
)
_OUTCOME_MATCHES_ANSWERS = (
    "outcome = CASE WHEN has_back_pain = 0 THEN 'no_back_pain'"
    " WHEN leg_symptoms + bladder_bowel + fever_nausea + cancer_weight = 0 THEN 'clear'"
    " ELSE 'see_doctor' END"
)


def _create_screening_table(name: str, *, back_pain_first: bool) -> None:
    signs_nullable = back_pain_first
    note_column = "cleared_when" if back_pain_first else "clearance_note"
    columns: list[sa.Column[object]] = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("answered_for", sa.String(), nullable=False),
    ]
    if back_pain_first:
        columns.append(sa.Column("has_back_pain", sa.Boolean(), nullable=False))
    columns += [sa.Column(sign, sa.Boolean(), nullable=signs_nullable) for sign in _SIGNS]
    columns += [
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.Column("cleared_by", sa.String(), nullable=False),
        sa.Column(note_column, sa.String(), nullable=False),
    ]
    if back_pain_first:
        rules = [
            sa.CheckConstraint(
                "outcome IN ('no_back_pain', 'clear', 'see_doctor')",
                name="ck_screening_outcome_known",
            ),
            sa.CheckConstraint(
                _SIGNS_ONLY_WITH_BACK_PAIN, name="ck_screening_signs_only_with_back_pain"
            ),
            sa.CheckConstraint(
                _OUTCOME_MATCHES_ANSWERS, name="ck_screening_outcome_matches_answers"
            ),
        ]
    else:
        rules = [
            sa.CheckConstraint(
                "outcome IN ('clear', 'see_doctor')", name="ck_screening_outcome_known"
            ),
            sa.CheckConstraint(
                "(outcome = 'clear') = "
                "(leg_symptoms + bladder_bowel + fever_nausea + cancer_weight = 0)",
                name="ck_screening_outcome_matches_answers",
            ),
        ]
    rules += [
        sa.CheckConstraint(
            "cleared_at IS NULL OR outcome = 'see_doctor'",
            name="ck_screening_clearance_only_after_yes",
        ),
        sa.CheckConstraint("length(answered_for) <= 200", name="ck_screening_answered_for_length"),
        sa.CheckConstraint("length(cleared_by) <= 200", name="ck_screening_cleared_by_length"),
        sa.CheckConstraint(
            f"length({note_column}) <= 1000", name=f"ck_screening_{note_column}_length"
        ),
    ]
    op.create_table(name, *columns, *rules, sa.PrimaryKeyConstraint("id", name="pk_screening"))


def _replace_table(copy_rows: str, *, back_pain_first: bool) -> None:
    _create_screening_table("screening_rebuilt", back_pain_first=back_pain_first)
    op.execute(copy_rows)
    op.drop_table("screening")  # and its index
    op.rename_table("screening_rebuilt", "screening")
    op.create_index("ix_screening_taken_at", "screening", ["taken_at"], unique=False)


def upgrade() -> None:
    _replace_table(
        "INSERT INTO screening_rebuilt (id, taken_at, answered_for, has_back_pain, "
        "leg_symptoms, bladder_bowel, fever_nausea, cancer_weight, outcome, cleared_at, "
        "cleared_by, cleared_when) "
        "SELECT id, taken_at, answered_for, 1, leg_symptoms, bladder_bowel, fever_nausea, "
        "cancer_weight, outcome, cleared_at, cleared_by, clearance_note FROM screening",
        back_pain_first=True,
    )


def downgrade() -> None:
    _replace_table(
        "INSERT INTO screening_rebuilt (id, taken_at, answered_for, leg_symptoms, "
        "bladder_bowel, fever_nausea, cancer_weight, outcome, cleared_at, cleared_by, "
        "clearance_note) "
        "SELECT id, taken_at, answered_for, coalesce(leg_symptoms, 0), "
        "coalesce(bladder_bowel, 0), coalesce(fever_nausea, 0), coalesce(cancer_weight, 0), "
        "CASE WHEN outcome = 'no_back_pain' THEN 'clear' ELSE outcome END, cleared_at, "
        "cleared_by, cleared_when FROM screening",
        back_pain_first=False,
    )
