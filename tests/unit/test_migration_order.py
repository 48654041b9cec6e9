"""Migration numbers rise along the down_revision chain: start-up takes the highest file
number as the newest revision (companion/db/opening.py, known_revisions), so a number out of
order would make every start run Alembic, or miss an upgrade."""

import re
from pathlib import Path

from companion.db.opening import known_revisions

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
FIELD = re.compile(r'^(revision|down_revision) = (?:"(\w+)"|None)$', re.M)


def test_the_chain_is_one_line_in_the_order_of_the_file_numbers():
    parents: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        fields = {name: value or None for name, value in FIELD.findall(path.read_text())}
        parents[fields["revision"]] = fields["down_revision"]
    chain = []
    revision: str | None = known_revisions(MIGRATIONS)[-1]
    while revision is not None:
        chain.append(revision)
        revision = parents[revision]
    assert list(reversed(chain)) == known_revisions(MIGRATIONS)
