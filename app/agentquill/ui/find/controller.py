"""The window's find commands: the find bar of the current tab, and Find (Replace) in Project.

The find bar belongs to the Source pane: Find from another pane shows the Source pane and
opens the bar under it; the bar hides while another pane is shown and comes back with it.
The query last typed follows the user from tab to tab.

Find in Project searches the agents the project tree lists, reading the files of open tabs
from their buffers (what the user sees); with no project open, it searches the open tabs.
Replace in Project previews every change first. Then a file open in a tab is changed in its
buffer, one undo step, left unsaved; any other file is written atomically by the core, only
when it reads and writes back byte for byte and still holds the previewed matches. Undo
Replace puts back the whole replace: the files on disk and the tabs' buffers, each unless it
changed since (a tab's change is undone through its own history, which stays consistent).
Opening a tab per file instead would make a replace across hundreds of agents a wall of
tabs, each to save by hand.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget

from ...core.search import (
    LIMIT,
    Found,
    Match,
    PatternError,
    Query,
    Skipped,
    Written,
    read_text,
    refusal,
    replace_edits,
    replace_in_file,
    replacements,
    restore,
    search_files,
    search_texts,
)
from ...core.text import apply_edits
from ...core.words import plural
from ..editor.tab import EditorTab
from .bar import FindBar, document_position
from .results import ResultsPanel

if TYPE_CHECKING:
    from ..window.main_window import MainWindow


class FindController(QObject):
    """Find and replace for ``window``: its tabs' find bars and the Find in Project dock."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.last: tuple[Query, str] = (Query(""), "")  # the query and replacement last typed
        self.dock: QDockWidget | None = None
        self.panel: ResultsPanel | None = None
        self._preview: tuple[Query, str] | None = None
        self.written: list[Written] = []  # files the last Replace in Project wrote
        # the tabs it changed, each with its text before and its (revision, text) after
        self.edited: list[tuple[EditorTab, str, tuple[int, str]]] = []

    @property
    def window(self) -> MainWindow:
        return self.parent()

    # --- the find bar -----------------------------------------------------------------------
    def bar(self, tab: EditorTab) -> FindBar:
        """The tab's find bar, made on first use under its panes."""
        bar = tab.column.findChild(FindBar)
        if bar is None:
            bar = FindBar(tab.document, tab.source)
            tab.column.layout().addWidget(bar)
            bar.used.connect(self._used)
            tab.panes.currentChanged.connect(
                lambda _i, b=bar, t=tab: b.setVisible(
                    b.wanted and t.panes.currentWidget() is t.source
                )
            )
        return bar

    def _used(self, query: Query, template: str) -> None:
        self.last = (query, template)

    def find(self, replace: bool = False) -> None:
        """Open the current tab's find bar (with the replace row: ``replace``)."""
        tab = self.window.current()
        if tab is None:
            return
        tab.panes.setCurrentWidget(tab.source)
        self.bar(tab).open(replace, self.last)

    def replace(self) -> None:
        self.find(replace=True)

    def find_next(self, backward: bool = False) -> None:
        """The next (previous) match of the query in the current tab; with no query yet,
        the find bar opens for one."""
        tab = self.window.current()
        if tab is None:
            return
        bar = self.bar(tab)
        if not bar.field.text() and not self.last[0].text:
            self.find()
            return
        tab.panes.setCurrentWidget(tab.source)  # shows the bar again if it is open
        if not bar.wanted:
            focus = QApplication.focusWidget()
            bar.open(not bar.replacement.isHidden(), self.last)
            if focus is tab.source:
                tab.source.setFocus()  # F3 from the text keeps typing there
        bar.next(backward)

    def find_previous(self) -> None:
        self.find_next(backward=True)

    # --- Find in Project --------------------------------------------------------------------
    def _panel(self) -> ResultsPanel:
        if self.panel is None:
            window = self.window
            self.panel = panel = ResultsPanel()
            panel.find_requested.connect(self.search)
            panel.preview_requested.connect(self.preview)
            panel.apply_requested.connect(self.apply)
            panel.undo_requested.connect(self.undo)
            panel.open_requested.connect(self.show_match)
            self.dock = QDockWidget("Find in Project", window)
            self.dock.setObjectName("dock.find")
            self.dock.setWidget(panel)
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            window.tabifyDockWidget(window.problems_dock, self.dock)
            # room for a dozen results: the Problems dock's height would show three
            window.resizeDocks([self.dock], [window.height() * 2 // 5], Qt.Orientation.Vertical)
        return self.panel

    def find_in_project(self, replace: bool = False) -> None:
        """Show the Find in Project panel (with its replace row: ``replace``), its field
        filled from the selection in the source, and search when it holds a query."""
        panel = self._panel()
        panel.set_replacing(replace or not panel.replacement.isHidden())
        self.dock.show()
        self.dock.raise_()
        tab = self.window.current()
        selected = tab.source.textCursor().selectedText() if tab is not None else ""
        if selected and "\u2029" not in selected:
            panel.field.setText(selected)
        elif not panel.field.text() and self.last[0].text:
            panel.toggles.set_from(self.last[0])
            panel.field.setText(self.last[0].text)
        panel.field.selectAll()
        panel.field.setFocus()
        if panel.field.text():
            self.search()

    def replace_in_project(self) -> None:
        self.find_in_project(replace=True)

    def search(self, preview: bool = False) -> Found | None:
        """Search the project (else the open tabs) and list the results."""
        panel, window = self._panel(), self.window
        query = panel.query()
        if not query.text:
            panel.show_message("Type what to find.")
            return None
        try:
            pattern = query.compile()
        except PatternError as exc:
            panel.show_message(str(exc), error=True)
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            start = time.perf_counter()
            session = window.projects.session
            if session is not None:
                paths = [e.path for e in window.project_tree.model.entries()]
                texts = {k: t.document.text() for k, t in self._tabs_for(paths).items()}
                found = search_files(paths, pattern, texts)
                where = f"{plural(len(paths), 'agent')} of {session.root.name}"
                if not session.done:
                    where += " (still indexing: search again for the rest)"
            else:
                tabs = window.editor_tabs()
                found = search_texts(((self._key(t), t.document.text()) for t in tabs), pattern)
                where = (
                    f"the {len(tabs)} open file{'s' if len(tabs) != 1 else ''} (no project is open)"
                )
            seconds = time.perf_counter() - start
        finally:
            QApplication.restoreOverrideCursor()
        summary = (
            f"{plural(found.count, 'match')}{'+' if found.truncated else ''} in "
            f"{plural(len(found.files), 'file')}"
            if found.count
            else "No matches"
        )
        limit = f" (the first {LIMIT:,} are listed)" if found.truncated else ""
        panel.show_message(f"{summary}{limit} · searched {where} in {seconds:.2f} s")
        if not preview:
            panel.show_found(found, self._label)
        return found

    # --- Replace in Project -----------------------------------------------------------------
    def preview(self) -> None:
        """List every change the replace would make, each with a check box."""
        panel = self._panel()
        found = self.search(preview=True)
        if found is None:
            return
        query, template = panel.query(), panel.replacement.text()
        if found.truncated:
            panel.show_message(
                f"More than {LIMIT:,} matches: narrow the search to replace.", error=True
            )
            panel.show_found(found, self._label)
            return
        tabs, news, skipped = self._tabs_for(h.key for h in found.files), {}, []
        for hits in found.files:
            tab = tabs.get(hits.key)
            try:
                text = tab.document.text() if tab is not None else read_text(hits.key)
                news[hits.key] = replacements(text, query, template, hits.matches)
            except PatternError as exc:
                if "Bad replacement" in str(exc):
                    panel.show_message(str(exc), error=True)
                    panel.show_found(found, self._label)
                    return
                skipped.append(Skipped(hits.key, str(exc)))
            except (OSError, ValueError) as exc:
                skipped.append(Skipped(hits.key, f"Cannot read the file: {exc}"))
        kept = Found([h for h in found.files if h.key in news], found.skipped, found.searched)
        self._preview = (query, template)
        panel.show_found(kept, self._label, news, skipped)
        count = sum(len(h.matches) for h in kept.files)
        panel.show_message(
            f"Replace {plural(count, 'match')} in {plural(len(kept.files), 'file')} with "
            f"“{template}”? Uncheck what to keep, then Replace: open files change in their tabs "
            "(unsaved), the others on disk (Undo Replace puts them back)."
        )

    def apply(self) -> None:
        """Make the checked changes of the preview: each file's as one edit."""
        panel, window = self._panel(), self.window
        if self._preview is None or not panel.previewing:
            return
        chosen = panel.checked()
        if not chosen:
            panel.show_message("Nothing is checked: nothing to replace.")
            return
        query, template = self._preview
        tabs = self._tabs_for(chosen)
        edited, written, skipped = [], [], []
        for key, matches in chosen.items():
            tab = tabs.get(key)
            if tab is None:
                result = replace_in_file(key, query, template, matches)
                (written if isinstance(result, Written) else skipped).append(result)
                continue
            before = tab.document.text()
            reason = self._replace_in_tab(tab, query, template, matches)
            if reason:
                skipped.append(Skipped(key, reason))
            else:
                edited.append((tab, before, self._state(tab)))
        self.written, self.edited = written, edited
        in_tabs = len(edited)
        window.projects.report(*(w.path for w in written))
        self._preview = None
        found = self.search()
        if found is not None:
            panel.show_found(found, self._label, skipped=skipped)
        panel.undo_button.setVisible(bool(written or edited))
        panel.show_message(
            f"Replaced in {plural(in_tabs + len(written), 'file')}: {in_tabs} open in tabs "
            f"(not saved yet), {len(written)} written to disk"
            + (f"; {len(skipped)} skipped (listed below)." if skipped else ".")
        )

    @staticmethod
    def _replace_in_tab(tab: EditorTab, query: Query, template: str, matches: list[Match]) -> str:
        """Replace ``matches`` in the tab's buffer as one undo step; why not, or ''."""
        document = tab.document
        if document.read_only_reason:
            return document.read_only_reason
        text = document.text()
        try:
            edits = replace_edits(text, query, template, matches)
        except PatternError:
            return "The file changed since the preview: search again"
        reason = refusal(text, apply_edits(text, edits))
        if reason:
            return reason
        document.apply(edits)
        return ""

    def undo(self) -> None:
        """Put back what the last replace changed: the files it wrote and the tabs it edited,
        each unless it changed since (a tab's edit is undone through the tab's history)."""
        panel = self._panel()
        skipped = [s for s in map(restore, self.written) if s is not None]
        self.window.projects.report(*(w.path for w in self.written))
        open_tabs = set(self.window.editor_tabs())
        undone, changed = 0, 0
        for tab, before, state in self.edited:
            if tab not in open_tabs or tab.document.text() == before:
                continue  # closed or undone since
            if self._state(tab) == state:
                tab.document.qdoc.undo()
                undone += 1
            else:
                changed += 1
        restored = len(self.written) - len(skipped)
        self.written, self.edited = [], []
        panel.undo_button.hide()
        found = self.search()
        if found is not None:
            panel.show_found(found, self._label, skipped=skipped)
        notes = []
        if skipped:
            notes.append(f"{plural(len(skipped), 'file')} changed since and left as they are")
        if changed:
            notes.append(f"{plural(changed, 'tab')} changed since: undo there with Ctrl+Z")
        panel.show_message(
            f"Put back {plural(restored + undone, 'file')}"
            + (f"; {'; '.join(notes)}." if notes else ".")
        )

    @staticmethod
    def _state(tab: EditorTab) -> tuple[int, str]:
        """What tells that a tab's buffer is unchanged: every edit, undo or redo raises the
        revision; the text also guards against a reload, which starts the revisions again."""
        return tab.document.qdoc.revision(), tab.document.text()

    # --- files ------------------------------------------------------------------------------
    def _tabs_for(self, keys: Iterable[Hashable]) -> dict[Hashable, EditorTab]:
        """The tabs showing the files ``keys`` name, by key (a project lists a file by the
        path it found, which may be a link to the path its tab opened)."""
        tabs = self.window.editor_tabs()
        by_document = {t.document: t for t in tabs}
        by_path = {t.document.path: t for t in tabs if t.document.path is not None}
        names = {path.name for path in by_path}
        found = {}
        for key in keys:
            if not isinstance(key, Path):
                tab = by_document.get(key)
            elif key.name in names:
                tab = by_path.get(key) or by_path.get(key.resolve())
            else:
                continue
            if tab is not None:
                found[key] = tab
        return found

    @staticmethod
    def _key(tab: EditorTab) -> Hashable:
        """How results name a tab's file: its path, or the document while it has none."""
        return tab.document.path or tab.document

    def _label(self, key: Hashable) -> str:
        session = self.window.projects.session
        if isinstance(key, Path):
            if session is not None and key.is_relative_to(session.root):
                return str(key.relative_to(session.root))
            return str(key)
        return getattr(key, "title", str(key))

    def show_match(self, key: Hashable, match: Match) -> None:
        """Open the match's file and select the match in its source."""
        window = self.window
        tab = self._tabs_for([key]).get(key)
        if tab is None and isinstance(key, Path):
            tab = window.files.open_file(key)
        if tab is None:
            return
        window.tabs.setCurrentWidget(tab)
        tab.panes.setCurrentWidget(tab.source)
        document = tab.document
        if document.text()[match.start : match.end] == match.context[slice(*match.span)]:
            cursor = tab.source.textCursor()
            cursor.setPosition(document_position(document, match.start))
            cursor.setPosition(
                document_position(document, match.end), QTextCursor.MoveMode.KeepAnchor
            )
            tab.source.setTextCursor(cursor)
            tab.source.centerCursor()
        else:  # the text changed since the search (or the match spans lines)
            tab.source.go_to(match.line, match.column)
