"""Parts of the window made on first use, so that their modules load after the first paint."""

from __future__ import annotations

from importlib import import_module


class Later:
    """A window attribute: ``name`` from ``module`` (relative to this package) called with the
    window on first use, and kept. ``help: Help = Later(".help", "Help")``."""

    def __init__(self, module: str, name: str):
        self.module, self.name = module, name

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, window, owner: type | None = None):
        if window is None:
            return self
        made = getattr(import_module(self.module, __package__), self.name)(window)
        window.__dict__[self.attr] = made  # found before this descriptor from now on
        return made
