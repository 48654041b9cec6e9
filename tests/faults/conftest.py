"""Storage faults against real files and the real app process (fixtures: harness/app_process.py)."""

from harness.app_process import (  # noqa: F401 - fixtures, found by pytest by name
    initialised_data_dir,
    run_companion,
    sandbox,
    start_companion,
)
