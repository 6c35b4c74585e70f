"""One editor tab: the form and source views beside the live preview, over one document.

The Examples, Sections and (on agents) Try and Delegation panes are made when first shown or
asked for (:attr:`EditorTab.examples`, :attr:`EditorTab.sections`, :attr:`EditorTab.try_pane`,
:attr:`EditorTab.delegation`): a user sees one pane first, and the others' modules and widgets
would delay the window. At start-up the preview renders once the window has painted its first
frame (:func:`..timers.after_first_frame`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...core.dialects import CLAUDE_PLUGIN
from ...core.frontmatter import fields
from ...core.lint import Diagnostic, lint
from ...core.path_names import path_name
from ...core.text import Edit, apply_edits
from ..form.view import FormView
from ..timers import after_first_frame, soon
from .document import AgentDocument
from .preview import PreviewRenderer, PreviewView
from .source_view import SourceView

if TYPE_CHECKING:
    from ..claude.try_pane import TryPane
    from ..evals.pane import DelegationPane
    from ..examples.pane import ExamplesEditor
    from ..sections.pane import SectionsEditor

ANALYSE_MS = 30  # the pause after typing before a short text is re-read
#: the panes' and the preview's widths until the user moves the splitter (then saved): kept in
#: this ratio at any window width (the split the built panes' size hints used to give)
FIRST_SPLIT = [824, 452]
#: the panes made on first use: their titles and the properties that make them
MADE_LATER = {
    "Examples": "examples",
    "Sections": "sections",
    "Try": "try_pane",
    "Delegation": "delegation",
}
#: an agent's panes, hidden for skills, commands, rules…
AGENT_ONLY = ("Examples", "Try", "Delegation")


class EditorTab(QWidget):
    """Views of one AgentDocument; every edit goes through the document."""

    analysed = Signal()  # after a re-parse and lint: status and problems may change
    message = Signal(str)
    repair_requested = Signal()  # the banner's Repair link: the window asks, then repairs

    def __init__(self, document: AgentDocument, dark: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.diagnostics: list[Diagnostic] = []
        self.form = FormView(document)
        self.source = SourceView(document.qdoc)
        self._examples: ExamplesEditor | None = None
        self._sections: SectionsEditor | None = None
        self._try: TryPane | None = None
        self._delegation: DelegationPane | None = None
        self._unbuilt = {title: QWidget() for title in MADE_LATER}  # their places, until made
        self.preview = PreviewView()
        self.renderer = PreviewRenderer(self.preview, document.text)
        self.panes = QTabWidget()
        self.panes.setObjectName("panes")
        self.panes.setDocumentMode(True)
        self.panes.addTab(self.form, "Form")
        self.panes.addTab(self._unbuilt["Examples"], "Examples")
        self.panes.addTab(self._unbuilt["Sections"], "Sections")
        self.panes.addTab(self.source, "Source")
        self.panes.addTab(self._unbuilt["Try"], "Try")
        self.panes.addTab(self._unbuilt["Delegation"], "Delegation")
        self.panes.currentChanged.connect(self._pane_shown)
        self.column = QWidget()  # the panes, and under them the find bar once opened (ui/find)
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.panes, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editor.splitter")
        self.splitter.addWidget(self.column)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(FIRST_SPLIT)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.banner.linkActivated.connect(self._banner_link)
        self.banner.hide()
        self._style_banner(dark)
        self.renderer.dark = dark
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        document.setParent(self)  # the tab owns its buffer, deleted after the views above
        self._analyse_timer = QTimer(self, singleShot=True, timeout=self.analyse)
        document.qdoc.contentsChanged.connect(self._changed)
        document.applied.connect(self._applied)
        self.form.problem.connect(self.message)
        self.preview.line_clicked.connect(self.go_to_line)
        self.preview.place_clicked.connect(self._preview_clicked)
        self._catching_up = False  # a discrete edit is applied, its views not yet refreshed
        self._scroll: Callable[[], None] | None = None  # the preview's, after that refresh
        self._follow_timer = QTimer(self, singleShot=True, interval=80, timeout=self._follow)
        self.source.cursorPositionChanged.connect(self._source_moved)
        document.progress.connect(self._loading)
        document.loaded.connect(self._loaded)
        self.analyse()
        if document.loading:
            self._loading(0)
            self.preview.show_pending("Loading…")
        else:
            self._set_editable()
            after_first_frame(self, self.renderer.render_now, first=True)  # what the user waits for

    # --- the panes made on first use ----------------------------------------------------------
    @property
    def examples(self) -> ExamplesEditor:
        if self._examples is None:
            from ..examples.pane import ExamplesEditor

            self._examples = pane = ExamplesEditor(self.document)
            pane.selected.connect(self._show_example)
            pane.setEnabled(not self.document.loading)
            self._install(pane, "Examples")
            pane.refresh(self.document.parsed(), self.agent.dialect)
        return self._examples

    @property
    def sections(self) -> SectionsEditor:
        if self._sections is None:
            from ..sections.pane import SectionsEditor

            self._sections = pane = SectionsEditor(self.document)
            pane.selected.connect(self._show_section)
            pane.setEnabled(self._editable())
            self._install(pane, "Sections")
        return self._sections

    @property
    def try_pane(self) -> TryPane:
        if self._try is None:
            from ..claude.try_pane import TryPane

            self._try = TryPane(self.document)
            self._install(self._try, "Try")
        return self._try

    @property
    def delegation(self) -> DelegationPane:
        if self._delegation is None:
            from ..evals.pane import DelegationPane

            self._delegation = pane = DelegationPane(self.document)
            self._install(pane, "Delegation")
        return self._delegation

    def _install(self, pane: QWidget, title: str) -> None:
        """Put ``pane`` in the place kept for it, shown if its place was."""
        pane.problem.connect(self.message)
        place = self._unbuilt.pop(title)
        index = self.panes.indexOf(place)
        self.panes.insertTab(index, pane, title)
        if self.panes.currentWidget() is place:
            self.panes.setCurrentIndex(index)
        self.panes.removeTab(index + 1)
        place.deleteLater()

    @property
    def offers_examples(self) -> bool:
        """True when the Examples and Try panes are offered: ``<example>`` blocks belong to an
        agent's description, and only an agent can be tried, not a skill, a command, an output
        style or a rule."""
        return self.panes.isTabVisible(self._index("Examples"))

    def _index(self, title: str) -> int:
        """Where the pane ``title``, or the place kept for it, is among the panes."""
        made = {"Examples": self._examples, "Sections": self._sections, "Try": self._try,
                "Delegation": self._delegation}  # fmt: skip
        return self.panes.indexOf(made[title] or self._unbuilt[title])

    def _offer_agent_panes(self, offered: bool) -> None:
        for title in AGENT_ONLY:
            index = self._index(title)
            if self.panes.isTabVisible(index) != offered:
                if not offered and self.panes.currentIndex() == index:
                    self.panes.setCurrentWidget(self.form)
                self.panes.setTabVisible(index, offered)

    def _pane_shown(self, index: int) -> None:
        """The place kept for a pane is shown: make the pane there."""
        for title, place in list(self._unbuilt.items()):
            if self.panes.widget(index) is place:
                getattr(self, MADE_LATER[title])

    # --- loading in pieces -------------------------------------------------------------------
    def _editable(self) -> bool:
        return not (self.document.read_only_reason or self.document.loading)

    def _set_editable(self) -> None:
        """Let the views edit the buffer unless it is read-only or still loading."""
        editable = self._editable()
        self.source.setReadOnly(not editable)
        self.form.setEnabled(editable)
        if self._sections is not None:
            self._sections.setEnabled(editable)
        if self._examples is not None:
            self._examples.setEnabled(not self.document.loading)

    def _loading(self, percent: int) -> None:
        """A big file goes into the buffer in pieces: the source shows each as it comes, the
        other views wait for the whole text, and nothing edits it meanwhile."""
        self._analyse_timer.stop()
        self._set_editable()
        cursor = self.source.textCursor()
        if cursor.atEnd() and not cursor.atStart():  # pushed along by the piece appended there
            bar = self.source.verticalScrollBar()
            scrolled = bar.value()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            self.source.setTextCursor(cursor)
            bar.setValue(scrolled)
        self.banner.setText(
            f"<b>Loading…</b> {percent}% of the file. It can be edited once it is all in."
        )
        self.banner.show()

    def _loaded(self) -> None:
        self._set_editable()
        self.analyse()
        self.renderer.render_now()

    # --- keeping the views in step -----------------------------------------------------------
    def _changed(self) -> None:
        """Typing: re-read after a pause that grows with the text (1 MB: a quarter second), so
        a long text is not re-parsed and linted between two keys of a word. A load in pieces
        is read once, when complete."""
        if self.document.loading:
            return
        self._analyse_timer.start(ANALYSE_MS + self.document.qdoc.characterCount() // 5_000)
        self.renderer.schedule()

    def _applied(self) -> None:
        """A discrete edit (form, panes, fixes): the views catch up now, not after a pause,
        once the pane that made the edit has shown it."""
        self._analyse_timer.stop()
        self._catching_up = True
        soon(self, self._catch_up)

    def _catch_up(self) -> None:
        """Analyse, then render: rendering meanwhile, the preview's thread would make every
        Qt call of the UI thread wait for the GIL."""
        try:
            self.analyse()
            self.renderer.render_here()
        finally:
            self._catching_up = False
            scroll, self._scroll = self._scroll, None
        if scroll is not None:
            scroll()

    def _show_example(self, anchor: str) -> None:
        self._scroll_preview(partial(self.preview.show_anchor, anchor))

    def _show_section(self, line: int) -> None:
        self._scroll_preview(partial(self.preview.show_line, line, top=True))

    def _scroll_preview(self, scroll: Callable[[], None]) -> None:
        """Scroll the preview to what a pane selected: at once, or, when the pane selected it
        after an edit, once the preview shows that edit (not the page it is replacing)."""
        if self._catching_up:
            self._scroll = scroll
        else:
            scroll()

    def analyse(self) -> None:
        """Re-read the buffer: form values, problems, squiggles and the banner."""
        self.agent = agent = self.document.agent()
        self.renderer.kind = agent.dialect.kind
        self.renderer.called = path_name(agent.dialect.kind, self.document.path or "")
        self.diagnostics = [] if self.document.loading else lint(agent)  # of a part: none
        self.form.refresh(self.document.parsed(), agent.dialect, self.diagnostics)
        self._offer_agent_panes(agent.dialect.kind == "agent")
        if self._examples is not None:
            self._examples.refresh(self.document.parsed(), agent.dialect)
        if self._sections is not None and self._sections.isVisible():  # else it reads when shown
            self._sections.refresh(self.document.parsed())
        self.source.set_diagnostics(self.diagnostics)
        self._show_banner(agent)
        self.analysed.emit()

    def _show_banner(self, agent) -> None:
        if self.document.loading:
            return  # the banner says how far the load is
        reason = self.document.read_only_reason
        fm = agent.parsed.frontmatter
        if reason:
            text = f"<b>Read-only.</b> {reason}"
        elif fm is not None and fm.error is not None:
            verdict = (
                "Claude Code cannot load it"
                if not agent.claude.parses
                else ("Claude Code recovers, other tools fail")
            )
            text = (
                f"<b>The frontmatter is not valid YAML</b> ({fm.error}) — {verdict}. "
                "The form shows the fields that could be read. <a href='repair'>Repair</a>"
            )
        elif fm is None and not self.document.text().startswith("---"):
            loaded = (  # as claude-load shows: a plugin registers it under the file's name
                "Claude Code loads it under the file's name, with no description to delegate by"
                if agent.dialect.id == CLAUDE_PLUGIN
                else "no tool loads it as an agent"
            )
            text = (
                f"<b>This file has no frontmatter</b>: {loaded}. "
                f"<a href='frontmatter'>Add frontmatter</a> for {agent.dialect.label}"
            )
        else:
            self.banner.hide()
            return
        self.banner.setText(text)
        self.banner.show()

    def _banner_link(self, link: str) -> None:
        if link == "repair":
            self.repair_requested.emit()
        elif link == "frontmatter":
            self.add_frontmatter()

    def add_frontmatter(self) -> None:
        """Start the file with the frontmatter its dialect needs, as one undoable edit."""
        from ...core.project import agent_stem  # the project package loads after the first paint
        from ...core.project.templates import starter_frontmatter

        path = self.document.path
        stem = agent_stem(path) if path is not None else ""
        head = starter_frontmatter(self.agent.dialect.id, stem)
        self.document.apply([Edit(0, 0, head + ("\n" if self.document.text() else ""))])

    def repair(self, confirm: Callable[[str, str], bool]) -> bool:
        """Repair the frontmatter as one undoable edit once ``confirm(before, after)`` agrees
        (it shows the diff); False when there is nothing to repair, or the user said no."""
        text = self.document.text()
        try:
            edits = fields.repair(text)
        except fields.EditRefused as exc:
            self.message.emit(f"Repair not possible: {exc}")
            return False
        if not edits:
            self.message.emit("Nothing to repair: every value is valid YAML")
            return False
        if not confirm(text, apply_edits(text, edits)):
            return False
        self.document.apply(edits)
        return True

    def _style_banner(self, dark: bool) -> None:
        colors = ("#4a3b00", "#ffe9a6") if dark else ("#fff4ce", "#4a3b00")
        self.banner.setStyleSheet(
            f"QLabel {{ background: {colors[0]}; color: {colors[1]}; padding: 6px 10px; }}"
        )

    def set_dark(self, dark: bool) -> None:
        self._style_banner(dark)
        self.renderer.dark = dark
        self.renderer.render_now()
        self.source.set_dark(dark)

    # --- navigation -------------------------------------------------------------------------
    def go_to_line(self, line: int, column: int = 1, key: str = "") -> None:
        """Show a place: the field's widget when there is one, else the source."""
        editor = self.form.editors.get(key)
        if key and editor is not None and self.panes.currentWidget() is self.form:
            self.form.ensureWidgetVisible(editor)
            editor.setFocus()
            return
        self.panes.setCurrentWidget(self.source)
        self.source.go_to(line, column)
        self.source.setFocus()

    def _preview_clicked(self, line: int, after: int, clicked: tuple[str, int, int]) -> None:
        """A click in the preview shows the clicked place: the example's card or the section's
        row when that pane is open, else the word in the source (looked for in the clicked
        block's lines; the block's first line when it is not found there)."""
        last = after - 1 if after > line else line + 200
        place = (line, 1, 0)
        for pattern, (start, end) in _clicked_patterns(*clicked):
            found = self.source.find(pattern, line, last)
            if found is not None:
                place = (found[0], found[1] + start, end - start)
                break
        pane, anchor = self.panes.currentWidget(), self.preview.anchor_at_line(line)
        if pane is self._examples and anchor.startswith(("example-", "description")):
            self.examples.reveal(int(anchor[8:]) if anchor.startswith("example-") else None)
        elif pane is self._sections and self.preview.anchor_line("body") <= line:
            self.sections.reveal_line(place[0])
        else:
            self.panes.setCurrentWidget(self.source)
            self.source.go_to(*place)

    def flush(self) -> None:
        """Write into the buffer what the structured panes hold but have not written yet."""
        self.form.flush()
        if self._examples is not None:
            self._examples.flush()

    def _source_moved(self) -> None:
        if self.source.hasFocus():
            self._follow_timer.start()

    def _follow(self) -> None:
        """The preview keeps the block under the source cursor in view."""
        self.preview.show_line(self.cursor_position()[0])

    def cursor_position(self) -> tuple[int, int]:
        cursor = self.source.textCursor()
        return cursor.blockNumber() + 1, cursor.positionInBlock() + 1

    def sizes(self) -> dict[str, int]:
        parsed = self.document.parsed()
        description = parsed.value("description")
        return {
            "description": len(description) if isinstance(description, str) else 0,
            "body": len(parsed.body),
        }

    def close_down(self) -> None:
        self.renderer.stop()
        if self._try is not None:
            self._try.close_down()
        if self._delegation is not None:
            self._delegation.runs.close_down()


def _clicked_patterns(
    text: str, start: int, end: int
) -> Iterator[tuple[re.Pattern[str], tuple[int, int]]]:
    """Patterns that find a clicked word by the text around it on its line in the preview,
    widest first, each with the word's place in a match; the bare word comes last."""
    if start == end or not text[start:end].strip():
        return
    line_start = max(text.rfind(sep, 0, start) for sep in "\u2028\n") + 1
    ends = [i for i in (text.find(sep, end) for sep in "\u2028\n") if i >= 0]
    line_end = min(ends, default=len(text))
    for reach in (24, 8):
        left, right = max(line_start, start - reach), min(line_end, end + reach)
        if (left, right) != (start, end):
            needle = text[left:right].strip()
            offset = text[left:right].index(needle)
            word = (start - left - offset, end - left - offset)
            yield re.compile(re.escape(needle)), word
    yield re.compile(rf"(?<!\w){re.escape(text[start:end])}(?!\w)"), (0, end - start)
