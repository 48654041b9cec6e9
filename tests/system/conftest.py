"""The real app as a process: the fixtures live in harness/app_process.py (shared with faults)."""

from harness.app_process import (  # noqa: F401 - fixtures, found by pytest by name
    initialised_data_dir,
    run_companion,
    sandbox,
    start_companion,
)
