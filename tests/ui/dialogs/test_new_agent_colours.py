"""The New Agent dialog draws a valid target in the normal text colour, a problem in red."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel

from agentquill.ui.dialogs.new_agent import NewAgentDialog
from agentquill.ui.theme import apply_theme


def red_pixels(label: QLabel) -> int:
    image = label.grab().toImage()
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(image.height())
        if _reddish(image.pixelColor(x, y))
    )


def _reddish(c: QColor) -> bool:
    return c.red() > 150 and c.green() < 120 and c.blue() < 120


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_valid_target_is_not_drawn_in_error_red(qtbot, tmp_path, theme):
    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        dialog = NewAgentDialog(tmp_path, None)
        qtbot.addWidget(dialog)
        dialog.show()
        label = dialog.problems
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "Bad Name!")
        assert not label.text().startswith("Creates") and red_pixels(label) > 0
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "api-checker")
        assert label.text().startswith(f"Creates {tmp_path}")
        assert red_pixels(label) == 0
    finally:
        apply_theme(app, "light")
