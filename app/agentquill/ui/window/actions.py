"""The window's actions and menus, declared in one table and built by one helper.

Like MusicBrainz Picard's MainActions: :func:`declare` lists every action where it sits in the
menus (text, shortcut, tip, slot, check state), :data:`TOOLBAR` lists the toolbar's by id,
and :func:`build` makes the QActions and menus from them. A shortcut, a tip or a menu's
order changes in one place, and code and tests reach each action by its id
(``window.acts["save"]``), each menu too (``window.menus["recent"]``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QTextEdit,
    QWidget,
)

from ... import APP_NAME
from .target_version import choose_target_version

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from .main_window import MainWindow

THEMES = ("system", "light", "dark")
#: the actions on the current tab's file: disabled while no file is open
ON_A_FILE = (
    *("save", "save_as", "revert", "close", "repair"),
    *("form", "examples", "sections", "source", "try", "delegation"),
    *("find", "replace", "find_next", "find_previous"),
)
SEP = "-"  # a separator, in a menu or the toolbar
TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
#: Agent ▸ Improve with Claude: (core.claude.improve ask id, menu text)
IMPROVE = (
    ("description", "Improve &Description…"),
    ("examples", "Write &Examples…"),
    ("prompt", "&Tighten Prompt…"),
)
#: the toolbar's actions, by id
TOOLBAR = (
    *("new", "open", "save", "undo", "redo", SEP),
    *("form", "examples", "sections", "source", "preview"),
)


@dataclass(frozen=True)
class Act:
    """One QAction. ``group`` makes it one of an exclusive set; with ``path_data`` its slot
    gets the action's data (the path a context menu set it to) instead of the check state."""

    id: str
    text: str
    slot: Callable
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    checkable: bool = False
    checked: bool = False
    group: str = ""
    role: QAction.MenuRole | None = None
    icon: QStyle.StandardPixmap | None = None
    path_data: bool = False


@dataclass(frozen=True)
class Menu:
    """A menu of ``items`` (:class:`Act`, :class:`Menu`, or :data:`SEP`); ``shown(menu)``
    runs as it opens (to fill it, say), ``hidden(menu)`` as it closes."""

    id: str
    text: str
    items: tuple = ()
    shown: Callable[[QMenu], object] | None = None
    hidden: Callable[[QMenu], object] | None = None


def declare(w: MainWindow) -> tuple[Menu | Act, ...]:
    """The menu bar, then the actions in no menu (the project tree's context menu)."""
    key, icon, role = QKeySequence.StandardKey, QStyle.StandardPixmap, QAction.MenuRole
    files, projects = w.files, w.projects  # w.agents and w.help are made on first use: a row
    # reaches them through a lambda, so that declaring the row does not make them
    prefs = w.settings.preferences

    def tab(call: Callable) -> Callable[[], None]:  # a slot that calls call(current tab)
        return lambda: w.on_tab(call)

    def focused(method: str) -> Callable[[], None]:  # a slot on the focused text widget
        return lambda: on_focused_text(w, method)

    def find(method: str) -> Callable[[], None]:  # the find controller is made on first use
        return lambda: getattr(w.finder, method)()

    def improve(ask: str) -> None:  # Agent ▸ Improve with Claude ▸ ask
        claude_pane("improve").improve_agent(w, ask)

    file_menu = (
        Act(
            "new",
            "&New…",
            lambda: w.agents.new_agent(),
            key.New,
            "Start an agent, skill, command, output style or rule from a template",
            icon=icon.SP_FileIcon,
        ),
        Act(
            "describe_agent",
            "New Agent from a &Description…",
            lambda: claude_pane("generate").describe_agent(w),
            tip="Describe an agent in a paragraph and let Claude Code write it",
        ),
        Act(
            "open",
            "&Open…",
            files.open_dialog,
            key.Open,
            "Open agent files",
            icon=icon.SP_DialogOpenButton,
        ),
        Act(
            "open_folder",
            "Open &Folder…",
            projects.open_folder_dialog,
            "Ctrl+Shift+O",
            "Open a folder as a project",
        ),
        Menu(
            "recent",
            "Open &Recent",
            shown=lambda m: fill_recent(
                m, w.settings.state.recent_files, files.open_file, "No recent files"
            ),
        ),
        Menu(
            "recent_projects",
            "Recent &Projects",
            shown=lambda m: fill_recent(
                m, w.settings.state.recent_projects, projects.open, "No recent projects"
            ),
        ),
        SEP,
        Act("save", "&Save", lambda: files.save(), key.Save, icon=icon.SP_DialogSaveButton),
        Act("save_as", "Save &As…", lambda: files.save_as(), key.SaveAs),
        Act("revert", "&Revert", files.revert, tip="Reload from disk"),
        Act("close", "&Close", lambda: files.close_tab(w.tabs.currentIndex()), key.Close),
        Act("close_project", "Close Pro&ject", projects.close),
        Act(
            "target_version",
            "Target Claude Code &Version…",
            lambda: choose_target_version(w),
            tip="The Claude Code version the project's agents are checked against",
        ),
        SEP,
        Act(
            "export",
            "&Export Agents…",
            lambda: projects.export_agents(),
            tip="Export agents as a Claude Code plugin, zip, marketplace or another dialect",
        ),
        Act(
            "import",
            "&Import Bundle…",
            projects.import_bundle,
            tip="Import agents from a zip, a plugin folder or a marketplace",
        ),
        SEP,
        Act("quit", "&Quit", w.close, key.Quit, role=role.QuitRole),
    )
    edit_menu = (
        Act(
            "undo", "&Undo", tab(lambda t: t.document.qdoc.undo()), key.Undo, icon=icon.SP_ArrowBack
        ),
        Act(
            "redo",
            "&Redo",
            tab(lambda t: t.document.qdoc.redo()),
            key.Redo,
            icon=icon.SP_ArrowForward,
        ),
        Act("cut", "Cu&t", focused("cut"), key.Cut),
        Act("copy", "&Copy", focused("copy"), key.Copy),
        Act("paste", "&Paste", focused("paste"), key.Paste),
        Act("select_all", "Select &All", focused("selectAll"), key.SelectAll),
        SEP,
        Act("find", "&Find…", find("find"), key.Find, "Find in the file's source"),
        Act("replace", "R&eplace…", find("replace"), key.Replace, "Find and replace in the source"),
        Act("find_next", "Find &Next", find("find_next"), key.FindNext),
        Act("find_previous", "Find Pre&vious", find("find_previous"), key.FindPrevious),
        Act(
            "find_in_project",
            "Find in Pro&ject…",
            find("find_in_project"),
            "Ctrl+Shift+F",
            "Find in every agent of the project (or the open files)",
        ),
        Act(
            "replace_in_project",
            "Replace in Projec&t…",
            find("replace_in_project"),
            "Ctrl+Shift+H",
            "Replace in every agent of the project, after a preview",
        ),
        SEP,
        Act(
            "repair",
            "Repair &Frontmatter",
            tab(lambda t: t.repair(lambda old, new: w.prompts.ask_repair(t, old, new))),
            tip="Rewrite values YAML cannot read, keeping their meaning",
        ),
    )
    agent_menu = (
        Act(
            "new_agent",
            "&New Agent…",
            lambda: w.agents.new_agent(),
            "Ctrl+Shift+N",
            "Create an agent file from a template",
        ),
        SEP,
        Act(
            "duplicate_agent",
            "&Duplicate",
            lambda: w.agents.on_current(w.agents.duplicate_agent),
            "Ctrl+Shift+D",
        ),
        Act(
            "rename_agent",
            "&Rename…",
            lambda: w.agents.rename_focused(),
            "F2",
            "Rename the file and its name field together",
        ),
        Act(
            "move_agent",
            "&Move to…",
            lambda: w.agents.on_current(w.agents.move_agent),
            "Ctrl+Shift+M",
            "Move the file to another scope or folder",
        ),
        Act("delete_agent", "Move to &Trash…", lambda: w.agents.on_current(w.agents.delete_agent)),
        SEP,
        Menu(
            "improve",
            "Improve with &Claude",
            tuple(
                Act(f"improve.{ask}", text, lambda _c=False, a=ask: improve(a))
                for ask, text in IMPROVE
            ),
        ),
    )
    view_menu = (
        Act("form", "&Form", tab(lambda t: t.panes.setCurrentWidget(t.form)), "Ctrl+1"),
        Act("examples", "&Examples", tab(_show_examples), "Ctrl+2"),
        Act("sections", "Sect&ions", tab(lambda t: t.panes.setCurrentWidget(t.sections)), "Ctrl+3"),
        Act("source", "&Source", tab(lambda t: t.panes.setCurrentWidget(t.source)), "Ctrl+4"),
        Act("try", "&Try Agent", tab(_try), "Ctrl+5", "Run the agent on a prompt with Claude Code"),
        Act(
            "delegation",
            "&Delegation Tests",
            tab(_delegation),
            "Ctrl+6",
            "Prompts that should and should not make Claude hand a task to this agent",
        ),
        Act(
            "preview",
            "&Preview",
            w.toggle_preview,
            "Ctrl+Shift+P",
            checkable=True,
            checked=prefs.show_preview,
        ),
        SEP,
        Act(
            "user_agents",
            "Include ~/.claude/agents",
            projects.include_user_agents,
            tip="Show your user agents folder as a source of the project",
            checkable=True,
            checked=prefs.include_user_agents,
        ),
        Menu(
            "theme",
            "&Theme",
            tuple(
                Act(
                    f"theme.{name}",
                    name.title(),
                    lambda _c=False, n=name: w.set_theme(n),
                    checkable=True,
                    checked=name == prefs.theme,
                    group="theme",
                )
                for name in THEMES
            ),
        ),
    )
    return (
        Menu("file", "&File", file_menu),
        Menu("edit", "&Edit", edit_menu),
        Menu(
            "agent",
            "&Agent",
            agent_menu,
            shown=lambda _m: w.agents.enable_file_actions(w.agents.current_path() is not None),
            hidden=lambda _m: w.agents.enable_file_actions(True),
        ),
        Menu("view", "&View", view_menu),
        Menu(
            "help",
            "&Help",
            (
                Act("shortcuts", "&Keyboard Shortcuts", lambda: w.help.shortcuts()),
                Act("guide", "&User Guide", lambda: w.help.guide(), key.HelpContents),
                Act("report_problem", "&Report a Problem…", lambda: w.help.report_problem()),
                Act(
                    "claude_code",
                    "&Claude Code…",
                    lambda: w.claude.show_dialog(),
                    tip="Which Claude Code runs, whether you are signed in, and its path",
                ),
                SEP,
                Act("about", f"&About {APP_NAME}", lambda: w.help.about(), role=role.AboutRole),
            ),
        ),
        # the project tree's context menu: on no row, then on an agent's row (its path)
        Act("tree.new_agent", "New Agent…", lambda: w.agents.new_agent()),
        Act(
            "tree.duplicate_agent",
            "Duplicate…",
            lambda p: w.agents.duplicate_agent(p),
            path_data=True,
        ),
        Act("tree.rename_agent", "Rename…", lambda p: w.agents.rename_agent(p), path_data=True),
        Act("tree.move_agent", "Move to…", lambda p: w.agents.move_agent(p), path_data=True),
        Act("tree.delete_agent", "Delete…", lambda p: w.agents.delete_agent(p), path_data=True),
    )


def build(
    window: QMainWindow, rows: Sequence[Menu | Act]
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Make the actions, the menus and the toolbar of ``rows``; returns them by id."""
    acts: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    groups: dict[str, QActionGroup] = {}

    def place(row, parent) -> None:
        if isinstance(row, str):
            parent.addSeparator()
        elif isinstance(row, Menu):
            menu = menus[row.id] = parent.addMenu(row.text)
            menu.setObjectName(f"menu.{row.id}")
            if row.shown is not None:
                menu.aboutToShow.connect(lambda m=menu, call=row.shown: call(m))
            if row.hidden is not None:
                menu.aboutToHide.connect(lambda m=menu, call=row.hidden: call(m))
            for item in row.items:
                place(item, menu)
        else:
            act = acts[row.id] = _action(window, row)
            if row.group:
                if row.group not in groups:
                    groups[row.group] = QActionGroup(window)
                groups[row.group].addAction(act)
            if parent is not None:
                parent.addAction(act)

    for row in rows:
        place(row, window.menuBar() if isinstance(row, Menu) else None)
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("toolbar.main")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in TOOLBAR:
        if name == SEP:
            toolbar.addSeparator()
        else:
            toolbar.addAction(acts[name])
    return acts, menus


def _action(window: QWidget, row: Act) -> QAction:
    act = QAction(row.text, window)
    if isinstance(row.shortcut, QKeySequence.StandardKey):
        act.setShortcuts(row.shortcut)  # every binding of the platform (Ctrl+Shift+Z, Ctrl+Y)
    elif row.shortcut is not None:
        act.setShortcut(QKeySequence(row.shortcut))
    act.setStatusTip(row.tip)
    if row.checkable:
        act.setCheckable(True)
        act.setChecked(row.checked)
    if row.role is not None:
        act.setMenuRole(row.role)
    if row.icon is not None:
        act.setIcon(window.style().standardIcon(row.icon))
    if row.path_data:
        act.triggered.connect(lambda _c=False, a=act, slot=row.slot: slot(a.data()))
    else:
        act.triggered.connect(row.slot)
    return act


def claude_pane(name: str) -> ModuleType:
    """``ui.claude.<name>``, loaded when first used (after the first paint)."""
    return importlib.import_module(f"..claude.{name}", __package__)


def fill_recent(menu: QMenu, paths: list[str], open_path: Callable, empty: str) -> None:
    """Fill ``menu`` with ``paths``, each opened by ``open_path``; ``empty`` when none."""
    menu.clear()
    for path in paths:
        menu.addAction(path, lambda p=path: open_path(p))
    if not paths:
        menu.addAction(empty).setEnabled(False)


def on_focused_text(window: QWidget, method: str) -> None:
    """Cut, Copy, Paste or Select All from the menu: ``method`` of the window's focused text
    widget (source, form field, example card), if it has one. Their keys never reach these
    actions: a text widget takes its own standard keys first (``ShortcutOverride``)."""
    widget = window.focusWidget()
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        widget = widget.lineEdit()
    call = getattr(widget, method, None)
    if isinstance(widget, TEXT_WIDGETS) and callable(call):
        call()


def _try(tab: EditorTab) -> None:
    """The Try pane, its prompt ready for typing, where the file is an agent."""
    if tab.offers_examples:
        tab.panes.setCurrentWidget(tab.try_pane)
        tab.try_pane.prompt.setFocus()


def _delegation(tab: EditorTab) -> None:
    """The Delegation pane, its first list ready for keys, where the file is an agent."""
    if tab.offers_examples:
        tab.panes.setCurrentWidget(tab.delegation)
        tab.delegation.use.tree.setFocus()


def _show_examples(tab: EditorTab) -> None:
    """The Examples pane, where the file's kind has one (an agent)."""
    if tab.offers_examples:
        tab.panes.setCurrentWidget(tab.examples)
