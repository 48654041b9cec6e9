"""Is there a screen to show a window on? Checked before Qt, which would abort without one."""

from __future__ import annotations

import sys
from collections.abc import Mapping

NO_DISPLAY_MESSAGE = (
    "companion: there is no display to show Companion's window on. "
    "Start it from a desktop session, or on a machine without a screen run it as "
    "'xvfb-run companion' (or set QT_QPA_PLATFORM=offscreen)."
)


def missing_display_message(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The message to print when no display is reachable, or None when one is."""
    if not platform.startswith("linux") and "bsd" not in platform:
        return None
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY_MESSAGE
