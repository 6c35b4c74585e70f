"""The Edit and Help menus, and every shortcut of the window and its panes being unique."""

from __future__ import annotations

import platform
import shutil

import PySide6
import pytest
import tomllib
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QTextBrowser, QTreeWidget, QWidget

from agentquill import ISSUES_URL, __version__
from agentquill.ui.window.help import guide_path
from support import FIXTURES, ROOT

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def tab(window, tmp_path):
    path = tmp_path / ".claude" / "agents" / "release-manager.md"
    path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "release-manager.md", path)
    return window.files.open_file(path)


def menu_texts(window, name: str) -> list[str]:
    return [a.text() for a in window.menus[name].actions()]


def no_ambiguity(qtlog) -> None:
    assert not [r.message for r in qtlog.records if "mbiguous" in r.message]


# --- Edit -----------------------------------------------------------------------------------


def test_edit_menu_has_cut_copy_paste_select_all_after_redo_with_standard_keys(window):
    texts = menu_texts(window, "edit")
    at = texts.index("&Redo") + 1
    assert texts[at : at + 5] == ["Cu&t", "&Copy", "&Paste", "Select &All", ""]
    keys = QKeySequence.StandardKey
    for name, key in (("cut", keys.Cut), ("copy", keys.Copy), ("paste", keys.Paste)):
        assert window.acts[name].shortcuts() == QKeySequence.keyBindings(key)
    assert window.acts["select_all"].shortcut() == QKeySequence(keys.SelectAll)


def test_copy_and_paste_keys_still_work_in_the_source_and_a_form_field(window, tab, qtbot, qtlog):
    QApplication.clipboard().clear()
    source = tab.source
    tab.panes.setCurrentWidget(source)
    source.setFocus()
    qtbot.waitUntil(source.hasFocus)
    qtbot.keyClick(source, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(source, Qt.Key.Key_End, SHIFT)  # the first line: ---
    qtbot.keyClick(source, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "---"
    qtbot.keyClick(source, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(source, Qt.Key.Key_V, CTRL)
    assert tab.document.text().endswith("---")
    tab.panes.setCurrentWidget(tab.form)
    field = tab.form.editors["name"].edit
    assert isinstance(field, QLineEdit)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "release-manager"
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.text() == "release-managerrelease-manager"
    no_ambiguity(qtlog)


def test_edit_menu_actions_act_on_the_focused_text_widget(window, tab, qtbot):
    field = tab.form.editors["name"].edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    window.acts["select_all"].trigger()
    assert field.selectedText() == "release-manager"
    window.acts["copy"].trigger()
    assert QApplication.clipboard().text() == "release-manager"
    tab.panes.setCurrentWidget(tab.source)
    tab.source.setFocus()
    qtbot.waitUntil(tab.source.hasFocus)
    window.acts["select_all"].trigger()
    assert tab.source.textCursor().selectedText().replace("\u2029", "\n") == tab.document.text()
    QApplication.clipboard().setText("pasted")
    window.acts["paste"].trigger()
    assert tab.document.text() == "pasted"
    tab.document.qdoc.undo()
    assert tab.document.text().startswith("---\nname: release-manager")
    window.acts["cut"].trigger()  # nothing is selected after the undo: nothing cut
    assert tab.document.text().startswith("---\nname: release-manager")


# --- shortcuts ------------------------------------------------------------------------------


def _scopes(item: QAction | QShortcut, window: QWidget) -> list[QWidget]:
    """The widgets in which ``item``'s keys are live."""
    context = item.shortcutContext() if isinstance(item, QAction) else item.context()
    if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return [window]
    if isinstance(item, QShortcut):
        return [item.parent()]
    return [
        w for w in item.associatedObjects() if isinstance(w, QWidget) and not isinstance(w, QMenu)
    ]


def _overlap(a: QWidget, b: QWidget) -> bool:
    return a is b or a.isAncestorOf(b) or b.isAncestorOf(a)


def test_every_shortcut_is_unique_where_it_is_live(window, tab, tmp_path, qtbot):
    window.projects.open(tmp_path)
    for pane in (tab.form, tab.examples, tab.sections, tab.source, tab.try_pane):
        tab.panes.setCurrentWidget(pane)
        qtbot.waitUntil(pane.isVisible)
    bound: dict[str, list[tuple[str, list[QWidget]]]] = {}
    items = [*window.findChildren(QAction), *window.findChildren(QShortcut)]
    for item in items:
        keys = item.shortcuts() if isinstance(item, QAction) else item.keys()
        for key in keys:
            name = item.text() if isinstance(item, QAction) else item.objectName()
            bound.setdefault(key.toString(), []).append((name, _scopes(item, window)))
    clashes = [
        (key, a[0], b[0])
        for key, users in bound.items()
        for i, a in enumerate(users)
        for b in users[i + 1 :]
        if any(_overlap(x, y) for x in a[1] for y in b[1])
    ]
    assert clashes == []
    assert len(bound) > 30  # the window's, the Sections pane's and the Examples pane's


def test_f2_in_the_sections_tree_renames_the_row_elsewhere_the_agent(window, tab, qtbot, qtlog):
    asked = []
    window.prompts.ask_rename = lambda path, name, dialect: asked.append(path)
    tab.panes.setCurrentWidget(tab.sections)
    tree = tab.sections.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    tree.setCurrentItem(tree.topLevelItem(0))
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    assert tree.isAncestorOf(QApplication.focusWidget()) and asked == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    elsewhere = tab.sections.findChild(QWidget, "sections.insert")  # in the pane, not the tree
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    qtbot.keyClick(elsewhere, Qt.Key.Key_F2)
    assert asked == [tab.document.path]
    tab.panes.setCurrentWidget(tab.source)
    tab.source.setFocus()
    qtbot.waitUntil(tab.source.hasFocus)
    qtbot.keyClick(tab.source, Qt.Key.Key_F2)
    assert asked == [tab.document.path] * 2
    no_ambiguity(qtlog)


def test_f2_in_the_project_tree_renames_the_selected_agent(window, tab, qtbot, qtlog):
    other = tab.document.path.with_name("log-reader.md")
    other.write_text("---\nname: log-reader\ndescription: Reads logs.\n---\n", encoding="utf-8")
    asked = []
    window.prompts.ask_rename = lambda path, name, dialect: asked.append(path)
    root = tab.document.path.parents[2]
    window.projects.open(root)
    qtbot.waitUntil(lambda: window.projects.session.done, timeout=10_000)
    pane = window.project_tree
    qtbot.waitUntil(lambda: pane.model.index_of(other).isValid())
    pane.tree.setCurrentIndex(pane.model.index_of(other))
    pane.tree.setFocus()
    qtbot.waitUntil(pane.tree.hasFocus)
    qtbot.keyClick(pane.tree, Qt.Key.Key_F2)
    assert asked == [other]
    no_ambiguity(qtlog)


# --- Help -----------------------------------------------------------------------------------


def test_help_menu(window):
    assert [t for t in menu_texts(window, "help") if t] == [
        "&Keyboard Shortcuts",
        "&User Guide",
        "&Report a Problem…",
        "&Claude Code…",
        "&About AgentQuill",
    ]


def shortcuts_shown(dialog: QWidget) -> dict[tuple[str, str], str]:
    """(group, command) → keys, as the Keyboard Shortcuts table lists them."""
    table = dialog.findChild(QTreeWidget)
    shown = {}
    for g in range(table.topLevelItemCount()):
        group = table.topLevelItem(g)
        for r in range(group.childCount()):
            shown[(group.text(0), group.child(r).text(0))] = group.child(r).text(1)
    return shown


def test_shortcuts_reference_lists_every_shortcut_of_the_menus_and_panes(window, qtbot):
    dialog = window.help.shortcuts()
    assert dialog.objectName() == "help.shortcuts" and dialog.isVisible()
    shown = shortcuts_shown(dialog)
    native = QKeySequence.SequenceFormat.NativeText
    for menu in ("file", "edit", "agent", "view"):
        title = window.menus[menu].title().replace("&", "")
        for action in window.menus[menu].actions():
            if not action.shortcut().isEmpty():
                keys = shown[(title, action.text().replace("&", ""))]
                assert action.shortcut().toString(native) in keys
    assert shown[("Sections pane", "Add Item")] == "Ctrl+Return"
    assert shown[("Sections tree", "Rename the selected section or item")] == "F2"
    assert shown[("Project tree", "Rename the selected agent (file and name together)")] == "F2"
    assert "Shift+Ins" in shown[("Edit", "Paste")]
    assert window.help.shortcuts() is dialog  # raised again, not made twice


def test_shortcuts_reference_lists_only_keys_a_usual_keyboard_has_each_once(window):
    shown = shortcuts_shown(window.help.shortcuts())
    native = QKeySequence.SequenceFormat.NativeText
    for (group, command), keys in shown.items():
        listed = keys.split(", ")
        assert len(set(listed)) == len(listed), (command, keys)
        for typed in listed:  # no lone Find, Close, Exit, Copy: keys of special keyboards
            combo = QKeySequence.fromString(typed, native)[0]
            assert combo.key().value < Qt.Key.Key_Super_L.value, (group, command, typed)
    assert shown[("Edit", "Find…")] == "Ctrl+F"
    assert "Ctrl+W" in shown[("File", "Close")].split(", ")
    assert shown[("Edit", "Paste")] == "Ctrl+V, Shift+Ins"


def test_user_guide_is_shipped_and_shown_in_the_app(window):
    text = guide_path().read_text(encoding="utf-8")
    for topic in ("Open Folder", "Form", "Examples", "Sections", "Source", "Problems", "Export"):
        assert topic in text
    for topic in ("Import", "Find", "Keyboard Shortcuts"):
        assert topic in text
    dialog = window.help.guide()
    view = dialog.findChild(QTextBrowser)
    assert dialog.isVisible() and "Getting started" in view.toPlainText()
    assert "# " not in view.toPlainText()  # rendered, not shown as markdown


def test_report_a_problem_opens_the_issue_page(window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.acts["report_problem"].trigger()
    assert opened == [QUrl(ISSUES_URL)]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Issues"] == ISSUES_URL


def test_about_names_version_licence_and_versions(window):
    window.acts["about"].trigger()
    box = window.findChild(QWidget, "help.about")
    assert box.isVisible() and not box.isModal()
    text = box.text()
    for part in (__version__, "MIT", qVersion(), PySide6.__version__, platform.python_version()):
        assert part in text
