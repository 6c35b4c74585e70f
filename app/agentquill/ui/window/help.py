"""The Help menu: the keyboard shortcuts, the user guide, reporting a problem, About.

The shortcuts reference is read from the actions themselves (the window's menus and the
panes' own), so it cannot drift from what the keys do. The guide ships with the app
(``resources/guide/guide.md``) and is shown in the app, through the preview's markdown
renderer: it works offline, follows the theme, and needs no browser to reach a file inside
a frozen build. Each window is non-modal and kept, so asking again raises it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QObject, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ... import APP_NAME, ISSUES_URL, LICENSE, __version__, resources_dir
from ..editor.document import AgentDocument
from .prompts import closable

if TYPE_CHECKING:
    from .main_window import MainWindow

#: keys that views handle themselves, with no action to read them from
VIEW_KEYS = (
    ("Sections tree", "F2", "Rename the selected section or item"),
    ("Project tree", "F2", "Rename the selected agent (file and name together)"),
    ("Project tree", "Return", "Open the selected agent"),
    ("Try pane", "Ctrl+Return", "Run the agent on the prompt"),
    ("Delegation lists", "Insert", "Add a prompt"),
    ("Delegation lists", "F2", "Edit the selected prompt"),
    ("Delegation lists", "Delete", "Remove the selected prompt"),
    ("Delegation lists", "Alt+Up", "Move the selected prompt up"),
    ("Delegation lists", "Alt+Down", "Move the selected prompt down"),
)


#: Qt numbers the keys of every keyboard (letters, digits, Escape, the arrows, Del, F1…) below
#: this one; from it on come those of special keyboards (Super, Help, and the keys that name a
#: command: Copy, Find, Close, Exit), which a platform's standard bindings add
SPECIAL_KEYS_FROM = Qt.Key.Key_Super_L.value


def guide_path():
    return resources_dir() / "guide" / "guide.md"


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(group, keys, what) for every action with a shortcut: the menus' in menu order, then
    the panes' (Sections, Examples), then :data:`VIEW_KEYS`."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{group} ▸ {_plain(action.text())}")
            elif not action.shortcut().isEmpty():
                rows.append((group, _keys(action), _plain(action.text())))

    for top in window.menuBar().actions():
        walk(top.menu(), _plain(top.text()))
    from ..examples.pane import ExamplesEditor  # not loaded before a tab shows its panes
    from ..sections.pane import SectionsEditor

    holder = QWidget()  # the panes of a tab, built once to read their actions
    document = AgentDocument(parent=holder)
    for group, pane in (
        ("Sections pane", SectionsEditor(document, holder)),
        ("Examples pane", ExamplesEditor(document, holder)),
    ):
        rows += [(group, _keys(a), _plain(a.text())) for a in pane.actions() if a.shortcuts()]
    holder.deleteLater()
    return rows + list(VIEW_KEYS)


def _keys(action: QAction) -> str:
    """The action's keys that a usual keyboard can type, each once: a platform's standard
    key adds those of special keyboards (Paste: Ctrl+V, Shift+Ins and the Paste key)."""
    typed = (
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for k in action.shortcuts()
        if all(combo.key().value < SPECIAL_KEYS_FROM for combo in k)
    )
    return ", ".join(dict.fromkeys(typed))


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\t")[0]


class Help(QObject):
    """What the Help menu's actions do; a child of the window."""

    @property
    def window(self) -> MainWindow:
        """Our parent (not held, as :attr:`.files.Files.window` says why)."""
        return self.parent()

    def _raise(self, name: str, make) -> QWidget:
        """The window called ``name``, made by ``make()`` the first time, shown and raised."""
        shown = self.window.findChild(QWidget, name)
        if shown is None:
            shown = make()
            shown.setObjectName(name)
        shown.show()
        shown.raise_()
        shown.activateWindow()
        return shown

    def shortcuts(self) -> QWidget:
        return self._raise("help.shortcuts", self._shortcuts_dialog)

    def _shortcuts_dialog(self) -> QDialog:
        table = QTreeWidget()
        table.setObjectName("help.shortcuts.table")
        table.setColumnCount(2)
        table.setHeaderLabels(["Command", "Keys"])
        table.setRootIsDecorated(False)
        table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, keys, what in shortcut_rows(self.window):
            if group not in groups:
                groups[group] = QTreeWidgetItem(table, [group])
                groups[group].setFirstColumnSpanned(True)
                font = groups[group].font(0)
                font.setBold(True)
                groups[group].setFont(0, font)
            QTreeWidgetItem(groups[group], [what, keys])
        table.expandAll()
        return closable(self.window, "Keyboard Shortcuts", table, (620, 680))

    def guide(self) -> QWidget:
        return self._raise("help.guide", self._guide_dialog)

    def _guide_dialog(self) -> QDialog:
        view = QTextBrowser()
        view.setObjectName("help.guide.view")
        view.setOpenLinks(False)  # web links go to the browser, the page's own anchors here
        view.anchorClicked.connect(
            lambda url: (
                view.scrollToAnchor(url.fragment())
                if url.scheme() == ""
                else QDesktopServices.openUrl(url)
            )
        )
        try:
            text = guide_path().read_text(encoding="utf-8")
        except OSError as exc:
            text = f"The user guide could not be read: {exc.strerror or exc}"
        view.document().setDefaultStyleSheet(
            "h1, h2, h3 { margin-top: 14px; } code { font-family: monospace; }"
        )
        from ...core.render import markdown  # loaded after the first paint, by the preview

        view.setHtml(markdown.render_body(text))
        view.document().setDocumentMargin(18)
        return closable(self.window, f"{APP_NAME} User Guide", view, (760, 720))

    def report_problem(self) -> None:
        QDesktopServices.openUrl(QUrl(ISSUES_URL))

    def about(self) -> QWidget:
        return self._raise("help.about", self._about_box)

    def _about_box(self) -> QMessageBox:
        from platform import python_version  # not loaded at start-up

        box = QMessageBox(self.window)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setIconPixmap(self.window.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A lossless editor for AI agent files.</p>"
            f"<p>Licensed under the {LICENSE} licence.<br>"
            f"<a href='{ISSUES_URL}'>Report a problem</a></p>"
            f"<p><small>Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {python_version()}</small></p>"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)  # the link
        box.setWindowModality(Qt.WindowModality.NonModal)
        return box
