"""The PySide6 desktop app: every pane is a view of one open file's text buffer and edits it
through core edits.

Packages: ``window`` (main window, menus, file lifecycle), ``editor`` (the buffer and its
source, preview and problems views), ``form``, ``examples``, ``sections`` (the structured
panes), ``project`` (a folder of agents), ``dialogs``. Modules here serve them all: ``app``
(start-up), ``settings``, ``theme``, ``intent`` (what the user meant by a wheel or key),
``timers``, ``code_cache`` (what start-up compiles from text, compiled once).
"""

import sys
from types import ModuleType

from .code_cache import STARTUP

STARTUP.compile_regexes()  # PySide's and the app's, until ``ui.app.create_app``
with STARTUP.compiling_pyside():
    import PySide6.QtCore  # noqa: F401 - installs the import hook replaced below
STARTUP.compile_dataclasses()  # the app's modules, until ``ui.app.create_app``


def _selects_no_feature(module: ModuleType) -> bool:
    """Every module counts as a PySide user that selected no feature, so it sees Qt's own
    names; one that does select (``from __feature__ import ...``) is recorded by PySide."""
    return True


def _skip_feature_scan() -> None:
    """PySide 6 reads the source of every module imported after it (``inspect.getsource``,
    looking for "PySide6") to scope ``from __feature__ import ...`` selections: ~90 modules,
    10+ ms of start-up. The app selects no feature, so the scan is answered without reading.
    Nothing is replaced if PySide's internals change (the function is gone)."""
    feature = sys.modules.get("shibokensupport.feature")
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _selects_no_feature)  # noqa: B010 - its private


_skip_feature_scan()
