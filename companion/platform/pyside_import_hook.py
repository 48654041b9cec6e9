"""Spare every later import PySide6's ``__feature__`` source scan.

Once imported, PySide6 hooks ``__import__``: each newly imported module's source is read
with ``inspect.getsource`` and searched for "PySide", so that ``from __feature__ import
snake_case`` could apply to it (a known cost; napari issue 8584 traces it). Companion never
uses ``__feature__``, so every module is marked "not using PySide" without reading it: the
scan becomes a dictionary entry.

This touches a private part of PySide6 (``shibokensupport.feature._mod_uses_pyside``), so it
is done only for the PySide6 versions it was checked with; tests/unit/test_pyside_import_hook.py
fails loudly when PySide6 changes, asking for a new check. Any other version is left as is.
"""

from __future__ import annotations

import sys
from types import ModuleType

CHECKED_VERSIONS = ((6, 11),)
"""PySide6 major.minor versions whose ``feature_imported`` was read and found to call
``_mod_uses_pyside(module)`` only to decide between 0 (uses PySide) and -1 (ignore)."""
FEATURE_MODULE = "shibokensupport.feature"


def _never_uses_feature(module: ModuleType) -> bool:
    return False


def feature_module() -> ModuleType | None:
    """PySide6's ``__feature__`` implementation, once PySide6 is imported."""
    return sys.modules.get(FEATURE_MODULE)


def version_checked() -> bool:
    import PySide6

    return tuple(PySide6.__version_info__[:2]) in CHECKED_VERSIONS


def skip_source_scan() -> bool:
    """Make the scan a no-op where that was checked; True when it was done.

    Imports PySide6's core (which installs the hook) if that has not happened yet.
    """
    import PySide6.QtCore  # noqa: F401  (installs the hook this replaces)

    module = feature_module()
    if module is None or not version_checked():
        return False
    if not callable(getattr(module, "_mod_uses_pyside", None)):
        return False
    module._mod_uses_pyside = _never_uses_feature  # type: ignore[attr-defined]
    return True
