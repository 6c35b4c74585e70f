"""The find field's toggles, shared by the find bar and Find in Project."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from ...core.search import Query

#: (attribute of Query, button text, tip)
TOGGLES = (
    ("case", "Aa", "Match case"),
    ("word", "W", "Whole word"),
    ("regex", ".*", "Regular expression (Python syntax; \\1 or \\g<name> in the replacement)"),
)


class Toggles(QWidget):
    """Match case, whole word, regex: checkable buttons; ``changed`` when one is toggled."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip in TOGGLES:
            button = self.buttons[key] = QToolButton()
            button.setObjectName(f"{name}.{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.toggled.connect(self.changed)
            layout.addWidget(button)

    def query(self, text: str) -> Query:
        return Query(text, **{key: b.isChecked() for key, b in self.buttons.items()})

    def set_from(self, query: Query) -> None:
        for key, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(getattr(query, key))
            button.blockSignals(False)
