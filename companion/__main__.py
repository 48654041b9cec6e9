"""Command line: parse the arguments, then hand over to app.run()."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from companion import __version__
from companion.platform.paths import DATA_DIR_ENV

USAGE_ERROR = 2


class _PlainParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One plain line instead of argparse's usage block."""
        self.exit(USAGE_ERROR, f"companion: {message}. Try 'companion --help'.\n")


def _milliseconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is below 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _PlainParser(
        prog="companion",
        description="Companion: medicine reminders, a pill-box tracker and plain-language "
        "treatment information for people with soft-tissue sarcoma.",
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_folder,
        help=f"keep Companion's data in DIR (or set {DATA_DIR_ENV})",
    )
    parser.add_argument(
        "--quit-after",
        metavar="MS",
        type=_milliseconds,
        help="start everything, then quit MS milliseconds after start-up (for tests)",
    )
    return parser


def _folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a folder name")
    return text


def main(argv: Sequence[str] | None = None) -> NoReturn:
    arguments = build_parser().parse_args(argv)
    # Before app's imports: PySide6's __feature__ hook then no longer reads every later module.
    from companion.platform.pyside_import_hook import skip_source_scan

    skip_source_scan()
    from companion import app

    status = app.run(data_dir=arguments.data_dir, quit_after_ms=arguments.quit_after)
    # Companion has closed its database, scheduler, log and windows by now; skip the
    # interpreter's slow teardown of Qt's objects (about 0.2 s) on the way out.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
