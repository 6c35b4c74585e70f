"""The dark theme shows a check box's state by a mark, not by colour alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QListWidget, QListWidgetItem

from agentquill.ui.theme import apply_theme


def marks(image: QImage) -> tuple[int, int]:
    """(pixels of the blue box, pixels of a light mark on it) in ``image``."""
    box = light = 0
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            box += c.blue() > c.red() + 80
            light += min(c.red(), c.green(), c.blue()) > 200
    return box, light


@pytest.fixture
def dark(qtbot):
    app = QApplication.instance()
    apply_theme(app, "dark")
    yield
    apply_theme(app, "light")


@pytest.mark.parametrize("state", [Qt.CheckState.Checked, Qt.CheckState.PartiallyChecked])
def test_a_ticked_item_shows_a_mark_on_its_box(qtbot, dark, state):
    view = QListWidget()  # as the form's tool checklists and the Export agents list
    qtbot.addWidget(view)
    item = QListWidgetItem("Read", view)
    item.setCheckState(state)
    view.resize(200, 80)
    view.show()
    qtbot.waitExposed(view)
    row = view.visualItemRect(item)
    indicator = QRect(row.left(), row.top(), row.height() + 2, row.height())  # not the text
    box, mark = marks(view.viewport().grab(indicator).toImage())
    assert box > 20 and mark > 4, (box, mark)


def test_a_ticked_check_box_shows_a_mark(qtbot, dark):
    box = QCheckBox("Read")
    qtbot.addWidget(box)
    box.setChecked(True)
    box.show()
    qtbot.waitExposed(box)
    image = box.grab(QRect(0, 0, box.height(), box.height())).toImage()
    colours = {
        image.pixelColor(x, y).lightness() // 40
        for x in range(image.width())
        for y in range(image.height())
    }
    assert min(colours) <= 1 and max(colours) >= 4  # a light tick on a dark box
