"""The real app as a process; the fixtures live in harness/app_process.py (shared with system/)."""

from harness.app_process import (  # noqa: F401
    initialised_data_dir,
    run_companion,
    sandbox,
    start_companion,
)
