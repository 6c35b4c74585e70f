"""The project tree's model: agents grouped by source, sorted and filtered, fed in batches.

Two levels: a group row per :class:`Source` (its ``label``), under it one row per
:class:`Entry` shown. It is a QStandardItemModel so that laying out, sorting and selecting
10,000 rows runs in C++ and never waits for Python (the index is built on another thread
that holds the GIL much of the time). Each row keeps its Entry (``ENTRY_ROLE``) and a sort
key for each sort used so far (``SORT_ROLES``); the filter is ``Entry.matches`` and rebuilds
the groups whose rows change. Skills, commands, output styles and rules come in sources of
their own kind, after the agents (discovery orders them). A file the registration check lists
but the index does not (a README in ``.claude/agents``: no agent, so no lint) gets a row of
its own in its folder's group, a *stray*, so that what Claude Code skips shows, with why.

Eval cases go under the agent their delegation grader names (a third level: the case, labelled
by the start of its prompt, with its graders under it); a case of no agent shown stays in its
Evals group. Each row is counted in the group at the top of its branch (``_home``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...core import dialects, evals, frontmatter
from ...core.path_names import path_name
from ...core.project import Entry, Source

if TYPE_CHECKING:
    from ...core.claude.registration import Registration, Report

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Entry (None on a group row)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's Group (None on an agent row)
_MAX = 999_999


def display_name(entry: Entry) -> str:
    """The name Claude Code gives the file: a skill's folder and a command's path below
    ``commands/`` whatever their ``name``; an eval file its case (and grader); else its
    ``name``, or its stem."""
    kind = entry.source.kind
    if kind == "eval":
        return evals.file_label(entry.path)
    called = path_name(kind, entry.path) if kind in ("skill", "command") else ""
    return called or entry.name or entry.path.stem


def _name_key(entry: Entry) -> str:
    return display_name(entry).casefold()  # equal names keep discovery (path) order


SORTS = {  # id: (label, sort key of an entry)
    "name": ("Name", _name_key),
    "path": ("Path", lambda e: str(e.path)),
    "problems": (
        "Problems",
        lambda e: (
            f"{_MAX - min(e.errors, _MAX):06d}{_MAX - min(e.warnings, _MAX):06d}" + _name_key(e)
        ),
    ),
}

SORT_ROLES = {key: Qt.ItemDataRole.UserRole + 3 + i for i, key in enumerate(SORTS)}

DIALECT_SHORT = {
    dialects.CLAUDE_CODE: "Claude",
    dialects.CLAUDE_PLUGIN: "Plugin",
    dialects.COPILOT: "Copilot",
    dialects.COPILOT_CHATMODE: "Chat mode",
    dialects.OPENCODE: "OpenCode",
    dialects.GEMINI: "Gemini",
    dialects.SKILL: "Skill",
    dialects.COMMAND: "Command",
    dialects.OUTPUT_STYLE: "Output style",
    dialects.RULE: "Rule",
    dialects.EVAL_PROMPT: "Case",
    dialects.EVAL_GRADER: "Grader",
}


@dataclass(eq=False)
class Group:
    """A source and the totals of the rows shown under it."""

    source: Source
    rank: int  # order of discovery
    count: int = 0
    errors: int = 0
    warnings: int = 0
    keys: set[str] = field(default_factory=set)  # str(path) of the rows shown

    def tally(self, key: str, entry: Entry, sign: int) -> None:
        """Count ``entry`` in (``sign`` 1) or out (-1): its problems always, the row itself
        when it is of the group's kind (an agent's eval cases are not agents)."""
        self.count += sign if entry.source.kind == self.source.kind else 0
        self.errors += sign * entry.errors
        self.warnings += sign * entry.warnings
        (self.keys.add if sign > 0 else self.keys.discard)(key)


class ProjectModel(QStandardItemModel):
    """Sources and their agents; :meth:`add`, :meth:`update` and :meth:`remove` keep it current."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLES["name"])
        self.setColumnCount(1)  # one column before any row: no column insert inside a row insert
        self._entries: dict[str, Entry] = {}  # every entry, by str(path) (cheap to hash)
        self._items: dict[str, QStandardItem] = {}  # the rows shown, by str(path)
        self._groups: dict[str, QStandardItem] = {}  # the group rows shown, by label
        self._home: dict[str, QStandardItem] = {}  # the group row each row is counted in
        self._cases: dict[Path, evals.Case | None] = {}  # eval cases read, by folder
        self._ranks: dict[str, int] = {}  # label -> order of discovery
        self.query = ""
        self.sort = "name"
        self._sorts = ["name"]  # the sorts whose keys every row holds
        #: what Claude Code registers each file as, by str(path) (empty: not checked)
        self.registrations: dict[str, Registration] = {}
        self.claude_version = ""  # of the Claude Code that said so
        #: str(path) of the files in a clash over a name: their rows say which file is which
        self.clashing: set[str] = set()
        self._strays: dict[str, QStandardItem] = {}  # rows of files the index does not list
        self.scores: dict[str, str] = {}  # str(path) -> the latest delegation score ("80%")

    # --- reading ----------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every entry, shown or filtered out."""
        return list(self._entries.values())

    def index_of(self, path: Path) -> QModelIndex:
        """The row of the agent at ``path`` (invalid when it is not shown)."""
        item = self._items.get(str(path))
        return item.index() if item is not None else QModelIndex()

    def set_score(self, path: Path, score: str) -> None:
        """Show ``score`` on the agent's row (ui.evals: its latest delegation run)."""
        self.scores[str(path)] = score
        item = self._items.get(str(path))
        if item is not None:
            item.emitDataChanged()

    def visible_count(self) -> int:
        return len(self._items)

    # --- changes ----------------------------------------------------------------------------
    def add(self, entries: Iterable[Entry]) -> None:
        """New agents: appended to their groups, then each touched group re-sorted."""
        self._drop_strays()  # one of them may be listed now
        fresh: dict[str, list[tuple[str, Entry]]] = {}
        known = []
        for entry in entries:
            key = str(entry.path)
            if key in self._entries:
                known.append(entry)
                continue
            self._entries[key] = entry
            if _is_eval(entry):
                self._cases.pop(evals.case_folder(entry.path), None)
            self._ranks.setdefault(entry.source.label, len(self._ranks))
            if not self.query or entry.matches(self.query):
                fresh.setdefault(entry.source.label, []).append((key, entry))
        for new in fresh.values():
            self._show(new)
        agents = [e for new in fresh.values() for _, e in new if e.source.kind == "agent"]
        if agents:
            self._adopt_cases()
        if known:
            self.update(known)
        self._show_strays()

    def update(self, entries: Iterable[Entry]) -> None:
        """Agents whose file changed: replaced in place (then re-sorted), or moved or hidden
        as they now match; an eval file is placed again (its case may name another agent)."""
        touched: dict[int, QStandardItem] = {}
        gone = []
        for entry in entries:
            key = str(entry.path)
            old = self._entries.get(key)
            item = self._items.get(key)
            visible = not self.query or entry.matches(self.query)
            if item is None or not visible or old.source != entry.source or _is_eval(entry):
                gone.append(entry)
                continue
            self._entries[key] = entry
            home = self._home[key]
            group = home.data(GROUP_ROLE)
            group.tally(key, old, -1)
            group.tally(key, entry, 1)
            item.setText(display_name(entry))
            self._set_data(item, entry)
            touched[id(home)] = home
        for home in touched.values():
            home.sortChildren(0)
            home.emitDataChanged()
        folders = {evals.case_folder(e.path) for e in gone if _is_eval(e)}
        if folders:  # the whole case goes where its grader now says
            fresh = {str(e.path) for e in gone}
            gone += [
                e
                for key, e in self._entries.items()
                if key not in fresh and _is_eval(e) and evals.case_folder(e.path) in folders
            ]
        if gone:
            self.remove([e.path for e in gone])
            self.add(gone)  # known no more, so added afresh

    def remove(self, paths: Iterable[Path]) -> None:
        """Forget the files at ``paths``; rows that were under theirs (an agent's cases) are
        placed again."""
        self._drop_strays()  # a group left with strays only goes
        orphans: dict[str, Entry] = {}
        for key in map(str, paths):
            orphans.pop(key, None)
            if key in self._items:
                orphans.update(self._take(key)[1:])
            entry = self._entries.pop(key, None)
            if entry is not None and _is_eval(entry):
                self._cases.pop(evals.case_folder(entry.path), None)
        if orphans:
            self._show_all(list(orphans.items()))
        self._show_strays()

    def _unshow(self, key: str) -> None:
        """Take the row of ``key`` out of the tree (and its group, when it was the last)."""
        item = self._items.pop(key)
        home = self._home.pop(key)
        group = home.data(GROUP_ROLE)
        group.tally(key, item.data(ENTRY_ROLE), -1)
        (item.parent() or self.invisibleRootItem()).removeRow(item.row())
        if home.rowCount():
            home.emitDataChanged()
        else:
            del self._groups[group.source.label]
            self.removeRow(home.row())

    def clear(self) -> None:
        super().clear()
        self.setColumnCount(1)
        self._entries, self._items, self._groups, self._ranks = {}, {}, {}, {}
        self._strays = {}
        self._home, self._cases = {}, {}
        self.show_registrations(None)

    def registration(self, entry: Entry) -> Registration | None:
        return self.registrations.get(str(entry.path))

    def show_registrations(self, report: Report | None) -> None:
        """What Claude Code registers, file by file (None: not known)."""
        files = report.files if report is not None else {}
        self.registrations = {str(path): found for path, found in files.items()}
        self.claude_version = report.version if report is not None else ""
        lost = [r for r in report.registrations if r.winner] if report is not None else []
        self.clashing = {str(r.file) for r in lost} | {str(Path(r.winner)) for r in lost}
        self._drop_strays()
        self._show_strays()

    def is_stray(self, entry: Entry) -> bool:
        """A file the index does not list, shown for what the registration check says of it."""
        return str(entry.path) in self._strays

    def file_label(self, entry: Entry) -> str:
        """What a row shows instead of the name when the name is not enough ("" when it is):
        for the files that claim the same name, the file's path in its folder."""
        key = str(entry.path)
        if key not in self.clashing:
            return ""
        try:
            return entry.path.relative_to(entry.source.root).as_posix()
        except ValueError:
            return entry.path.name

    def set_query(self, query: str) -> None:
        """Show only the agents ``Entry.matches``; groups left empty are hidden."""
        query = query.strip()
        if query == self.query:
            return
        self.query = query
        self._drop_strays()
        if any(map(_is_eval, self._entries.values())):  # rows cross groups: build them anew
            self.removeRows(0, self.rowCount())
            self._items, self._groups, self._home = {}, {}, {}
        fresh: dict[str, list[tuple[str, Entry]]] = {}
        for key, entry in self._entries.items():
            if not query or entry.matches(query):
                fresh.setdefault(entry.source.label, []).append((key, entry))
        for label, group_item in list(self._groups.items()):
            group = group_item.data(GROUP_ROLE)
            new = fresh.get(label)
            if new is not None and group.keys == {key for key, _ in new}:
                del fresh[label]  # the same rows: nothing to do
                continue
            for key in group.keys:
                del self._items[key], self._home[key]
            if new is None:
                del self._groups[label]
                self.removeRow(group_item.row())
            else:
                group_item.removeRows(0, group_item.rowCount())
                group_item.setData(Group(group.source, group.rank), GROUP_ROLE)
        for new in sorted(fresh.values(), key=lambda g: self._ranks[g[0][1].source.label]):
            self._show(new)
        self._show_strays()

    def set_sort(self, sort: str) -> None:
        if sort == self.sort:
            return
        self.sort = sort
        if sort not in self._sorts:
            self._sorts.append(sort)
            key, role = SORTS[sort][1], SORT_ROLES[sort]
            for item in self._items.values():
                item.setData(key(item.data(ENTRY_ROLE)), role)
        self.setSortRole(SORT_ROLES[sort])
        for group_item in self._groups.values():
            group_item.sortChildren(0)

    # --- helpers ----------------------------------------------------------------------------
    def _drop_strays(self) -> None:
        for item in self._strays.values():
            item.parent().removeRow(item.row())
        self._strays = {}

    def _show_strays(self) -> None:
        """A row for each file the registration check lists and the index does not, in the
        group of the folder it is in when that group shows; a filter matches its file name."""
        touched: dict[int, QStandardItem] = {}
        for key, found in self.registrations.items():
            path = Path(key)
            wanted = not self.query or self.query.casefold() in path.name.casefold()
            if key in self._entries or key in self._strays or not wanted:
                continue
            group_item = self._group_of(path, found.kind)
            if group_item is None:
                continue
            source = group_item.data(GROUP_ROLE).source
            entry = Entry(path, source, "", path.name, "", "", "", "", 0, 0, 0, 0, 0)
            item = QStandardItem(path.name)
            self._set_data(item, entry)
            group_item.appendRow(item)
            self._strays[key] = item
            touched[id(group_item)] = group_item
        for group_item in touched.values():
            group_item.sortChildren(0)

    def _group_of(self, path: Path, kind: str) -> QStandardItem | None:
        """The group row of the deepest source of ``kind`` that holds ``path``."""
        held = [
            (len(source.root.parts), item)
            for item in self._groups.values()
            for source in [item.data(GROUP_ROLE).source]
            if source.kind == kind and path.is_relative_to(source.root)
        ]
        return max(held, key=lambda found: found[0])[1] if held else None

    def _set_data(self, item: QStandardItem, entry: Entry) -> None:
        item.setData(entry, ENTRY_ROLE)
        for sort in self._sorts:  # few Qt calls per row: each may wait for the GIL
            item.setData(SORTS[sort][1](entry), SORT_ROLES[sort])

    def _show(self, entries: list[tuple[str, Entry]]) -> None:
        """Rows for ``entries`` ((str(path), entry) of one source) under their parents: the
        source's group row (created when missing), or for eval files their agent and case."""
        if _is_eval(entries[0][1]):  # a case before its graders
            entries = sorted(entries, key=lambda pair: evals.is_grader(pair[0]))
        parents: dict[int, tuple[QStandardItem, list[QStandardItem]]] = {}
        homes: dict[int, QStandardItem] = {}
        for path, entry in entries:
            parent, home = self._place(entry)
            above = parent.data(ENTRY_ROLE)
            under_case = above is not None and _is_eval(above)  # a grader: named by its file
            item = QStandardItem(entry.path.stem if under_case else self._label(entry))
            self._set_data(item, entry)
            self._items[path] = item
            self._home[path] = home
            home.data(GROUP_ROLE).tally(path, entry, 1)
            parents.setdefault(id(parent), (parent, []))[1].append(item)
            homes[id(home)] = home
        for parent, items in parents.values():
            parent.appendRows(items)
            parent.sortChildren(0)
        for home in homes.values():
            home.emitDataChanged()

    def _show_all(self, entries: list[tuple[str, Entry]]) -> None:
        """:meth:`_show` by source, in discovery order (agents before the cases under them)."""
        by_source: dict[str, list[tuple[str, Entry]]] = {}
        for pair in entries:
            by_source.setdefault(pair[1].source.label, []).append(pair)
        for label in sorted(by_source, key=self._ranks.__getitem__):
            self._show(by_source[label])

    def _group(self, source: Source) -> QStandardItem:
        """The group row of ``source``, made when it is not shown."""
        group_item = self._groups.get(source.label)
        if group_item is None:
            rank = self._ranks[source.label]
            group_item = QStandardItem(source.label)
            group_item.setData(Group(source, rank), GROUP_ROLE)
            group_item.setColumnCount(1)
            row = sum(1 for g in self._groups.values() if g.data(GROUP_ROLE).rank < rank)
            self._groups[source.label] = group_item
            self.insertRow(row, group_item)
        return group_item

    def _place(self, entry: Entry) -> tuple[QStandardItem, QStandardItem]:
        """(parent row, group row counting it) of ``entry``: an eval file goes under its case's
        row, a case under its agent's, else into its group."""
        if not _is_eval(entry):
            group_item = self._group(entry.source)
            return group_item, group_item
        folder = evals.case_folder(entry.path)
        if evals.is_grader(entry.path):
            case_item = self._items.get(str(folder / "prompt.md"))
            if case_item is not None:
                return case_item, self._home[str(folder / "prompt.md")]
        agent = self._agent_of(folder, entry.source)
        if agent is not None:
            return self._items[agent], self._home[agent]
        group_item = self._group(entry.source)
        return group_item, group_item

    def _agent_of(self, folder: Path, source: Source) -> str | None:
        """The key of the shown agent whose delegation the case in ``folder`` tests: by name,
        in the plugin its grader (or its evals folder) belongs to, or else of the project."""
        if folder not in self._cases:
            try:
                self._cases[folder] = evals.read_case(folder)
            except (evals.CaseRefused, OSError):
                self._cases[folder] = None
        case = self._cases[folder]
        if case is None or case.agent is None:
            return None
        plugin = case.plugin or source.plugin
        for key in self._items:
            entry = self._entries[key]
            if (
                entry.source.kind == "agent"
                and entry.source.plugin == plugin
                and display_name(entry) == case.agent
            ):
                return key
        return None

    def _adopt_cases(self) -> None:
        """Cases shown in an Evals group whose agent is now shown go under it."""
        adopted = [
            key
            for key, home in list(self._home.items())
            if home.data(GROUP_ROLE).source.kind == "eval"
            and key in self._items
            and not evals.is_grader(key)
            and self._agent_of(evals.case_folder(Path(key)), self._entries[key].source)
        ]
        if adopted:
            self._show_all([pair for key in adopted for pair in self._take(key)])

    def _take(self, key: str) -> list[tuple[str, Entry]]:
        """Take the row of ``key`` and those below it out of the tree: their (key, entry)."""
        taken = [(below, self._entries[below]) for below in _descendants(self._items[key])]
        for below, _ in reversed(taken):
            self._unshow(below)
        self._unshow(key)
        return [(key, self._entries[key]), *taken]

    def _label(self, entry: Entry) -> str:
        """A row's text: a case's by the start of its prompt (its folder names run alike),
        read from its file when the case does not load."""
        if not _is_eval(entry) or evals.is_grader(entry.path):
            return display_name(entry)
        case = self._cases.get(evals.case_folder(entry.path))
        if case is not None:
            prompt = case.prompt
        else:
            try:
                prompt = frontmatter.parse(entry.path.read_text(encoding="utf-8")).body
            except (OSError, UnicodeError):
                prompt = ""
        return " ".join(prompt.split()) or display_name(entry)


def _is_eval(entry: Entry) -> bool:
    return entry.source.kind == "eval"


def _descendants(item: QStandardItem) -> list[str]:
    """The paths of the rows below ``item``."""
    found = []
    for row in range(item.rowCount()):
        child = item.child(row)
        found.append(str(child.data(ENTRY_ROLE).path))
        found += _descendants(child)
    return found


def tooltip(entry: Entry, registration: Registration | None = None, version: str = "") -> str:
    """What hovering an agent row shows, with what Claude Code ``version`` registers it as
    (our prediction when ``version`` is "")."""
    known = entry.dialect in DIALECT_SHORT
    lines = [display_name(entry), str(entry.path)]
    lines.append(dialects.get(entry.dialect).label if known else entry.dialect)
    if registration is not None:
        said = f"Claude Code {version}" if version else "Our prediction"
        lines.append(registration.disagreement(version) or f"{said}: {registration.summary()}")
        if not registration.name and registration.reason:
            lines.append(f"Why: {registration.reason}")
    if entry.problem:
        lines.append(entry.problem)
    if entry.description:
        lines.append(entry.description)
    counts = [f"{n} {what}" for n, what in ((entry.errors, "errors"), (entry.warnings, "warnings"),
              (entry.infos, "notes")) if n]  # fmt: skip
    lines.append(" · ".join(counts) or "No problems")
    return "\n".join(lines)
