"""Nothing clipped: at 1024×700, 1280×800 and 1920×1080, light and dark, every pane of the
window shows representative files (the seed, a Gemini agent with many tools and a list of maps,
a Copilot agent) with no text cut short and no widget drawn over a sibling.

One window serves every size and theme (a window costs seconds); each check names the widget,
the file, the pane and the size it failed at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTreeWidget,
    QWidget,
)

from agentquill.core.dialects import tool_names
from agentquill.core.files import RecoveryStore
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow
from support import FIXTURES, ROOT, SEED

SIZES = [(1024, 700), (1280, 800), (1920, 1080)]
PANES = ("Form", "Examples", "Sections", "Source")
GEMINI = ".gemini/agents/release-notes-scout.md"
COPILOT = ".github/agents/docs-reviewer.agent.md"
SLACK = 1  # pixels of rounding a text may overrun by


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The example project with the Gemini and Copilot fixtures added."""
    root = tmp_path_factory.mktemp("clip") / "project"
    shutil.copytree(ROOT / "resources" / "examples", root)
    shutil.copytree(FIXTURES / "clip", root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def shared_window(qapp, tmp_path_factory, project):
    win = MainWindow(
        Settings(tmp_path_factory.mktemp("config")), RecoveryStore(tmp_path_factory.mktemp("rec"))
    )
    win.prompts.ask_save_changes = lambda tab: "discard"
    win.show()
    yield win
    for tab in win.editor_tabs():
        tab.document.qdoc.setModified(False)
    win.close()
    win.deleteLater()


def _files(project: Path) -> list[Path]:
    files = [project / GEMINI, project / COPILOT]
    return [SEED, *files] if SEED.is_file() else files


# --- what counts as clipped -----------------------------------------------------------------
def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_room(button: QAbstractButton) -> int:
    """The width a button has for its text (after the indicator or the icon and margins)."""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text, option.icon, option.iconSize = button.text(), button.icon(), button.iconSize()
    style = button.style()
    if isinstance(button, QCheckBox | QRadioButton):
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = style.subElementRect(element, option, button).width()
    else:
        room = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        room = room.width()
    if isinstance(button, QPushButton) and not button.icon().isNull():
        room -= button.iconSize().width() + 4
    return room


def _text_problems(widget: QWidget) -> list[str]:
    """Text of ``widget`` that does not fit it."""
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        if not widget.text():
            return []
        if widget.wordWrap():  # the lines it wraps to must fit its height
            need = widget.heightForWidth(widget.width())
            ok = need <= widget.height() + SLACK
            return [] if ok else [f"label {widget.text()[:40]!r} needs {need} px high"]
        if widget.textFormat() != Qt.TextFormat.PlainText and "<" in widget.text():
            need = widget.sizeHint().width()
            return [] if need <= widget.width() + SLACK else [f"label {widget.text()[:40]!r} cut"]
        need = max(metrics.horizontalAdvance(line) for line in widget.text().splitlines())
        room = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
        return [] if need <= room + SLACK else [f"label {widget.text()!r} needs {need}, has {room}"]
    if isinstance(widget, QAbstractButton) and widget.text():
        if not isinstance(widget, QCheckBox | QRadioButton | QPushButton):
            hint = widget.sizeHint().width()
            ok = hint <= widget.width() + SLACK
            return [] if ok else [f"button {widget.text()!r} needs {hint}, has {widget.width()}"]
        need, room = metrics.horizontalAdvance(_plain(widget.text())), _button_room(widget)
        return [] if need <= room + SLACK else [f"{widget.text()!r} needs {need}, has {room}"]
    if isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
        need = metrics.horizontalAdvance(widget.placeholderText())
        room = widget.contentsRect().width() - 8 - (24 if widget.isClearButtonEnabled() else 0)
        return [] if need <= room else [f"placeholder {widget.placeholderText()!r} cut"]
    if isinstance(widget, QListWidget) and widget.flow() == QListWidget.Flow.LeftToRight:
        return _checklist_problems(widget)
    return []


def _checklist_problems(checklist: QListWidget) -> list[str]:
    """A wrapped checklist: every item whole, inside the view, its text not cut."""
    found = []
    view = checklist.viewport().rect()
    indicator = checklist.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
    metrics = checklist.fontMetrics()
    grid = checklist.gridSize()
    for i in range(checklist.count()):
        item = checklist.item(i)
        rect = checklist.visualRect(checklist.indexFromItem(item))
        if not view.contains(rect):
            found.append(f"tool {item.text()!r} at {rect.getRect()} outside {view.getRect()}")
        need = indicator + metrics.horizontalAdvance(item.text())
        room = grid.width() if grid.isValid() else rect.width()
        if need > room:
            found.append(f"tool {item.text()!r} needs {need} px, has {room}")
    return found


def _overlaps(widget: QWidget) -> list[str]:
    """Visible children of ``widget`` drawn over one another."""
    if isinstance(widget, QAbstractScrollArea):
        return []  # its viewport and scroll bars are placed by Qt
    children = [c for c in widget.children() if isinstance(c, QWidget) and _shown(c)]
    children = [c for c in children if not c.isWindow()]
    found = []
    for i, a in enumerate(children):
        for b in children[i + 1 :]:
            common = a.geometry().intersected(b.geometry())
            if common.width() > 2 and common.height() > 2:
                found.append(f"{_name(a)} overlaps {_name(b)} by {common.getRect()}")
    return found


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.property('text') or ''})"


def _clipped(root: QWidget) -> list[str]:
    widgets = [root, *root.findChildren(QWidget)]
    found = []
    for widget in widgets:
        if not _shown(widget) or not _on_screen(widget):
            continue
        found += [f"{_name(widget)}: {p}" for p in _text_problems(widget)]
        found += _overlaps(widget)
    return found


def _on_screen(widget: QWidget) -> bool:
    """Whether any of ``widget`` is inside every scroll area's viewport it sits in."""
    return not widget.visibleRegion().isEmpty()


def _chips_broken(tab) -> list[str]:
    """Tool names of the preview's header that are split over two lines."""
    names = tool_names(tab.document.parsed().value("tools"))
    found = []
    block = tab.preview.document().begin()
    while block.isValid():
        layout = block.layout()
        kept = [i for i, c in enumerate(block.text()) if c != "\u2060"]  # word joiners
        text = "".join(block.text()[i] for i in kept).replace("\xa0", " ")
        for name in names:
            at = text.find(name)
            if at >= 0 and layout.lineCount():
                first = layout.lineForTextPosition(kept[at]).lineNumber()
                if layout.lineForTextPosition(kept[at + len(name) - 1]).lineNumber() != first:
                    found.append(f"tool chip {name!r} split over two lines")
        block = block.next()
    return found


def _problems_layout(window: MainWindow) -> list[str]:
    """The message column reaches the panel's edge; a panel with problems shows several."""
    found = []
    for tree in window.findChildren(QTreeWidget):
        named = tree.objectName() in ("problems", "project.problems")
        if named and _shown(tree) and tree.header().length() < tree.viewport().width() - SLACK:
            found.append(f"{tree.objectName()}: columns end before the panel's edge")
    problems = window.problems
    rows = min(problems.topLevelItemCount(), 4)
    if rows and problems.viewport().height() < rows * problems.sizeHintForRow(0):
        found.append(f"Problems shows fewer than {rows} rows")
    return found


def _settle(qtbot, window: MainWindow) -> None:
    """Wait for the current tab's preview (as tests/ui/editor do) and the layouts it changes."""
    tab = window.current()

    def idle() -> bool:
        return tab is None or not tab.renderer._busy and tab.renderer._latest is None

    qtbot.waitUntil(idle, timeout=5000)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_nothing_is_clipped(shared_window, project, qtbot, theme, size):
    window = shared_window
    window.set_theme(theme)
    window.resize(*size)
    found = []
    for path in _files(project):
        tab = window.files.open_file(path)
        for index, pane in enumerate(PANES):
            tab.panes.setCurrentIndex(index)
            _settle(qtbot, window)
            found += [f"{path.name} {pane}: {p}" for p in _clipped(window)]
        found += [f"{path.name} preview: {p}" for p in _chips_broken(tab)]
        badge = window.status.problems
        qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)  # opens the panel
        _settle(qtbot, window)
        found += [f"{path.name} {p}" for p in _problems_layout(window) + _clipped(window)]
        qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)  # and closes it
        if window.problems_dock.isVisible():
            found.append("the status bar's badge leaves Problems open")
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_checks_see_cut_text_and_overlapping_siblings(qtbot):
    """The checks above can fail: a label narrower than its text, a cut check box, two
    buttons on top of each other."""
    page = QWidget()
    qtbot.addWidget(page)
    page.resize(400, 200)
    label = QLabel("a label far wider than the room it is given", page)
    label.setGeometry(0, 0, 60, 20)
    box = QCheckBox("run_shell_command", page)
    box.setGeometry(0, 30, 70, 20)
    for x in (0, 30):
        QPushButton("Apply", page).setGeometry(x, 60, 80, 30)
    page.show()
    found = "\n".join(_clipped(page))
    assert "label 'a label far wider" in found and "'run_shell_command' needs" in found
    assert "QPushButton(Apply) overlaps QPushButton(Apply)" in found


def test_problems_start_hidden_and_the_status_badge_counts_and_opens_them(
    shared_window, project, qtbot
):
    """An empty Problems panel takes no room: the badge says there is nothing, and opens it."""
    window = shared_window
    assert not window.problems_dock.isVisible()
    window.resize(1280, 800)
    badge = window.status.problems
    clean = project / "plugins" / "release-tools" / "agents" / "announcement-writer.md"
    window.files.open_file(clean)
    qtbot.waitUntil(lambda: badge.text() == "No problems", timeout=5000)
    window.files.open_file(project / COPILOT)  # tool names of VS Code's chat modes
    qtbot.waitUntil(lambda: badge.text() == "7 warnings", timeout=5000)
    window.files.open_file(project / GEMINI)
    qtbot.waitUntil(lambda: badge.text() == "1 error", timeout=5000)
    assert not window.problems_dock.isVisible()
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.problems_dock.isVisible, timeout=5000)
    assert window.problems.topLevelItem(0).text(0).startswith("'services'")
    assert window.problems_dock.height() <= 800 // 4
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    assert not window.problems_dock.isVisible()


def test_the_project_tree_and_problems_get_room(shared_window, project, qtbot):
    """With a project open at 1920×1080: names whole in the tree, Problems several rows high."""
    window = shared_window
    window.resize(1920, 1080)
    window.projects.open(project)
    qtbot.waitUntil(lambda: window.projects.session.done, timeout=15_000)
    window.files.open_file(project / GEMINI)
    _settle(qtbot, window)
    tree = window.project_tree.tree
    tree.expandAll()
    delegate, found = tree.itemDelegate(), []
    model = tree.model()
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        for child in range(model.rowCount(group)):
            index = model.index(child, 0, group)
            rect: QRect = tree.visualRect(index)
            need = delegate.needed_width(tree.font(), index)
            if need > rect.width():
                found.append(f"{index.data()!r} needs {need} px, has {rect.width()}")
    problems = window.problems
    assert problems.topLevelItemCount() and window.problems_dock.isVisible()
    if problems.viewport().height() < 4 * problems.sizeHintForRow(0):
        found.append(f"Problems shows {problems.viewport().height()} px of rows, not 4 rows")
    found += [f"project: {p}" for p in _clipped(window)]
    window.projects.close()
    _settle(qtbot, window)
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and _shown(b)]
    found += [f"a tab bar left at {b.geometry().getRect()}" for b in bars if b.count() and
              window.rect().intersects(b.geometry())]  # fmt: skip
    assert not window.problems_dock.isVisible()  # empty again: back to the badge
    assert not found, "\n".join(found)
