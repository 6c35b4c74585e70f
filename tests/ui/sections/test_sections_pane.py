"""The Sections pane: each outline operation through the tree is one minimal, undoable edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QToolBar

from agentquill.core.outline import parse
from agentquill.core.outline.templates import TEMPLATES
from agentquill.core.text import DecodeError, Edit
from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.editor.tab import EditorTab
from agentquill.ui.sections.model import ABOVE, BELOW, END, ITEM, ON, SECTION, Node, walk
from agentquill.ui.sections.pane import SectionsEditor
from agentquill.ui.sections.tree import NODE
from support import SEED

FIXTURE = """\
---
name: release-helper
description: Prepares releases.
---

You are a release engineer. You cut, verify and announce releases.

**Core Responsibilities:**

1. **Changelog**: collect merged changes
   - Group by component
   - Link each pull request

2. **Versioning**
   - Follow semantic versioning

3. **Announcement**

**Checks:**

- Tests pass on main
- Docs build cleanly

## Process

Work in this order.

### Prepare

1. Freeze the branch
2. Tag the release candidate

### Publish

- Upload artifacts
- Update the website
"""

CHECKS = "**Checks:**\n\n- Tests pass on main\n- Docs build cleanly\n\n"
PREPARE = "### Prepare\n\n1. Freeze the branch\n2. Tag the release candidate\n\n"
PUBLISH = "### Publish\n\n- Upload artifacts\n- Update the website\n"


@pytest.fixture
def make_tab(qtbot):
    tabs = []

    def make(text: str = FIXTURE) -> EditorTab:
        tab = EditorTab(AgentDocument(text))
        qtbot.addWidget(tab)
        tab.resize(1280, 800)
        tab.show()
        tab.panes.setCurrentWidget(tab.sections)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.close_down()


def node(editor: SectionsEditor, title: str) -> Node:
    """The first row whose title (or, for an untitled item, text) is ``title``."""
    return next(n for n in walk(editor.nodes) if title in (n.title, n.text))


def pick(editor: SectionsEditor, title: str) -> Node:
    found = node(editor, title)
    editor.select(found.kind, found.address)
    return found


def type_inline(qtbot, editor: SectionsEditor, text: str | None = None, keys: str = "") -> None:
    """Finish the open inline editor: replace its text (or type ``keys``), then Enter."""
    line = editor.tree.findChild(QLineEdit, "sections.edit")
    assert line is not None and line.isVisible()
    # the editor's initial selection, set on a later event loop turn by a timer of its own
    qtbot.waitUntil(lambda: not any(t.isActive() for t in line.findChildren(QTimer)))
    if text is not None:
        line.selectAll()
    qtbot.keyClicks(line, keys if text is None else text)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    editing = QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: editor.tree.state() != editing, timeout=2000)


def assert_rows_match(editor: SectionsEditor) -> None:
    """Every row holds and shows the node at its place (rows are reused across re-reads),
    and finds its address, and the address its row."""
    located = walk(editor.nodes)

    def check(parent, nodes) -> None:
        assert parent.childCount() == len(nodes)
        for i, node in enumerate(nodes):
            row = parent.child(i)
            assert row.full == node
            assert row.data(0, NODE).looks == node.looks
            place = next(located)
            assert editor.tree.node_of(row) == place == node.at(place.address)
            assert editor.tree.row_at(place.kind, place.address) is row
            check(row, node.children)

    check(editor.tree.invisibleRootItem(), editor.nodes)
    assert next(located, None) is None


def undo_all(tab: EditorTab, original: str) -> None:
    while tab.document.qdoc.isUndoAvailable():
        tab.document.qdoc.undo()
    assert tab.document.text() == original


# ---------------------------------------------------------------- the tree


def test_pane_and_tree(make_tab):
    tab = make_tab()
    titles = [tab.panes.tabText(i) for i in range(tab.panes.count())]
    assert titles[-4:] == ["Sections", "Source", "Try", "Delegation"]
    editor = tab.sections
    assert editor.tree.objectName() == "sections.tree"
    assert [(n.kind, n.title) for n in editor.nodes] == [
        (SECTION, "Core Responsibilities"),
        (SECTION, "Checks"),
        (SECTION, "Process"),
    ]
    core = editor.nodes[0]
    assert [(c.marker, c.title, c.text) for c in core.children] == [
        ("1.", "Changelog", "collect merged changes"),
        ("2.", "Versioning", ""),
        ("3.", "Announcement", ""),
    ]
    assert [c.text for c in core.children[0].children] == [
        "Group by component",
        "Link each pull request",
    ]
    assert [c.title for c in editor.nodes[2].children] == ["Prepare", "Publish"]
    row = editor.tree.topLevelItem(0)
    assert row.isExpanded() and not row.child(0).isExpanded()  # sections open, items closed


def test_preamble_items_show_under_introduction(make_tab):
    editor = make_tab("Intro:\n\n- one\n- two\n\n## Steps\n\n1. go\n").sections
    assert [(n.kind, n.title) for n in editor.nodes] == [
        ("preamble", "Introduction"),
        (SECTION, "Steps"),
    ]
    assert [c.text for c in editor.nodes[0].children] == ["one", "two"]
    editor.drop(node(editor, "go"), node(editor, "Introduction"), ON)
    assert editor.document.text() == "Intro:\n\n- one\n- two\n- go\n\n## Steps\n"


def test_selection_emits_the_file_line(make_tab, qtbot):
    editor = make_tab().sections
    lines = FIXTURE.splitlines()
    with qtbot.waitSignal(editor.selected) as heading:
        pick(editor, "Process")
    assert heading.args == [lines.index("## Process") + 1]
    with qtbot.waitSignal(editor.selected) as item:
        pick(editor, "Link each pull request")
    assert item.args == [lines.index("   - Link each pull request") + 1]


# ---------------------------------------------------------------- renaming


def test_rename_section_inline(make_tab, qtbot):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Checks")
    editor.act_rename.trigger()
    type_inline(qtbot, editor, "Release Checks")
    assert tab.document.text() == FIXTURE.replace("**Checks:**", "**Release Checks:**")
    assert editor.current().title == "Release Checks"
    tab.document.qdoc.undo()
    assert tab.document.text() == FIXTURE


def test_rename_item_title_text_and_bullet(make_tab, qtbot):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Changelog")
    editor.act_rename.trigger()
    type_inline(qtbot, editor, keys="Release Notes")  # the title is selected: typing replaces it
    expected = FIXTURE.replace("1. **Changelog**:", "1. **Release Notes**:")
    assert tab.document.text() == expected
    editor.commit_edit(node(editor, "Versioning"), "**Versioning** and tags")
    expected = expected.replace("2. **Versioning**\n", "2. **Versioning** and tags\n")
    assert tab.document.text() == expected
    editor.commit_edit(node(editor, "Group by component"), "Group by area")
    expected = expected.replace("- Group by component", "- Group by area")
    assert tab.document.text() == expected
    undo_all(tab, FIXTURE)


def test_empty_section_title_is_refused(make_tab):
    tab = make_tab()
    editor = tab.sections
    problems = []
    editor.problem.connect(problems.append)
    assert not editor.commit_edit(node(editor, "Checks"), "  ")
    assert tab.document.text() == FIXTURE
    assert problems and editor.notice.isVisibleTo(editor)


# ---------------------------------------------------------------- adding and removing


def test_add_section_then_name_it(make_tab, qtbot):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Checks")
    editor.act_add_section.trigger()
    assert tab.document.text() == FIXTURE.replace("## Process", "**New section:**\n\n## Process")
    type_inline(qtbot, editor, "Rollback")
    assert tab.document.text() == FIXTURE.replace("## Process", "**Rollback:**\n\n## Process")
    assert editor.current().title == "Rollback"
    undo_all(tab, FIXTURE)


def test_remove_section(make_tab):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Checks")
    editor.act_remove.trigger()
    assert tab.document.text() == FIXTURE.replace(CHECKS, "")
    assert editor.current().title == "Process"  # the row now in its place
    tab.document.qdoc.undo()
    assert tab.document.text() == FIXTURE


def test_add_item_renumbers_then_name_it(make_tab, qtbot):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Versioning")
    editor.act_add_item.trigger()
    # in the list's style: numbered, bold title with its colon outside, a blank line apart
    added = FIXTURE.replace("3. **Announcement**", "3. **New item**:\n\n4. **Announcement**")
    assert tab.document.text() == added
    type_inline(qtbot, editor, keys="Rollout")
    assert tab.document.text() == added.replace("**New item**", "**Rollout**")
    undo_all(tab, FIXTURE)


def test_add_item_to_a_section_and_remove_items(make_tab):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Checks")
    editor.add_item()
    with_item = FIXTURE.replace("cleanly\n", "cleanly\n- New item\n")
    assert tab.document.text() == with_item
    pick(editor, "Changelog")
    editor.remove()
    removed = with_item.replace(
        "1. **Changelog**: collect merged changes\n"
        "   - Group by component\n"
        "   - Link each pull request\n\n"
        "2. **Versioning**",
        "1. **Versioning**",
    ).replace("3. **Announcement**", "2. **Announcement**")
    assert tab.document.text() == removed
    assert editor.current().title == "Versioning"
    undo_all(tab, FIXTURE)


# ---------------------------------------------------------------- moving


def test_move_section_up_and_down(make_tab):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Publish")
    assert not editor.act_down.isEnabled()
    editor.act_up.trigger()
    assert tab.document.text() == FIXTURE.replace(PREPARE + PUBLISH, PUBLISH + "\n" + PREPARE)[:-1]
    assert editor.current().title == "Publish"
    assert not editor.act_up.isEnabled()
    editor.act_down.trigger()
    assert tab.document.text() == FIXTURE
    undo_all(tab, FIXTURE)


def test_drop_section_above_another(make_tab):
    tab = make_tab()
    editor = tab.sections
    assert editor.drop(node(editor, "Checks"), node(editor, "Core Responsibilities"), ABOVE)
    head, rest = FIXTURE.split("**Core Responsibilities:**")
    expected = head + CHECKS + "**Core Responsibilities:**" + rest.replace(CHECKS, "")
    assert tab.document.text() == expected
    assert editor.current().title == "Checks"
    assert_rows_match(editor)
    assert editor.drop(node(editor, "Checks"), None, END) is False  # refused: stays whole
    assert tab.document.text() == expected
    undo_all(tab, FIXTURE)


def test_refused_drop_loses_nothing(make_tab):
    tab = make_tab()
    editor = tab.sections
    problems = []
    editor.problem.connect(problems.append)
    # a bold label after "### Publish" would belong to Publish, not to Process: refused
    assert not editor.drop(node(editor, "Checks"), node(editor, "Process"), ON)
    assert tab.document.text() == FIXTURE
    assert problems and "nothing changed" in problems[0]


def test_drop_item_within_a_list_renumbers(make_tab):
    tab = make_tab()
    editor = tab.sections
    assert editor.drop(node(editor, "Announcement"), node(editor, "Changelog"), ABOVE)
    expected = FIXTURE.replace(
        "1. **Changelog**", "1. **Announcement**\n\n2. **Changelog**"
    ).replace("2. **Versioning**", "3. **Versioning**")
    expected = expected.replace(
        "semantic versioning\n\n3. **Announcement**\n", "semantic versioning\n"
    )
    assert tab.document.text() == expected
    assert editor.current().title == "Announcement"
    undo_all(tab, FIXTURE)


def test_drop_items_across_sections(make_tab):
    tab = make_tab()
    editor = tab.sections
    assert editor.drop(node(editor, "Docs build cleanly"), node(editor, "Publish"), ON)
    expected = FIXTURE.replace("- Docs build cleanly\n", "") + "- Docs build cleanly\n"
    assert tab.document.text() == expected
    assert editor.current().address == ((2, 1), (2,))
    assert_rows_match(editor)
    # a numbered item joins a bullet list: its marker follows the list; Prepare renumbers
    assert editor.drop(node(editor, "Freeze the branch"), node(editor, "Tests pass on main"), BELOW)
    expected = expected.replace(
        "- Tests pass on main\n", "- Tests pass on main\n- Freeze the branch\n"
    ).replace("1. Freeze the branch\n2. Tag", "1. Tag")
    assert tab.document.text() == expected
    undo_all(tab, FIXTURE)


def test_drop_item_under_another_and_outdent(make_tab):
    tab = make_tab()
    editor = tab.sections
    assert editor.drop(node(editor, "Announcement"), node(editor, "Versioning"), ON)
    expected = FIXTURE.replace(
        "   - Follow semantic versioning\n\n3. **Announcement**\n",
        "   - Follow semantic versioning\n   - **Announcement**\n",
    )
    assert tab.document.text() == expected
    assert editor.act_out.isEnabled()
    editor.act_out.trigger()
    assert tab.document.text() == FIXTURE
    undo_all(tab, FIXTURE)


def test_drop_targets_that_make_no_sense_are_refused(make_tab):
    editor = make_tab().sections
    section, item = node(editor, "Checks"), node(editor, "Changelog")
    assert not editor.drop(section, item, ON)  # a section among items
    assert not editor.drop(item, item, ON)  # into itself
    assert not editor.drop(item, None, END)
    assert not editor.drop(node(editor, "Process"), node(editor, "Prepare"), ABOVE)
    assert editor.document.text() == FIXTURE


def test_expansion_and_selection_survive_edits(make_tab, qtbot):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Changelog")
    editor.tree.currentItem().setExpanded(True)
    editor.tree.row_at(SECTION, (1,)).setExpanded(False)  # Checks
    editor.act_down.trigger()  # Changelog below Versioning
    assert editor.current().title == "Changelog"
    assert editor.tree.currentItem().isExpanded()
    assert not editor.tree.row_at(SECTION, (1,)).isExpanded()
    pick(editor, "Core Responsibilities")
    editor.act_down.trigger()  # Core below Checks: both keep their state
    assert not editor.tree.row_at(SECTION, (0,)).isExpanded()
    assert editor.tree.row_at(ITEM, ((1,), (1,))).isExpanded()  # Changelog, now second
    assert_rows_match(editor)
    tab.document.qdoc.undo()
    tab.analyse()
    assert_rows_match(editor)
    assert editor.current().title == "Core Responsibilities"
    assert not editor.tree.row_at(SECTION, (1,)).isExpanded()


def test_hidden_pane_catches_up_when_shown(make_tab):
    tab = make_tab()
    tab.panes.setCurrentWidget(tab.form)
    nodes = tab.sections.nodes
    start = FIXTURE.index("Changelog")
    tab.document.apply([Edit(start, start + len("Changelog"), "History")])
    tab.analyse()
    assert tab.sections.nodes is nodes  # not rebuilt while hidden
    tab.panes.setCurrentWidget(tab.sections)
    assert node(tab.sections, "History").kind == ITEM
    assert_rows_match(tab.sections)


def test_frontmatter_edit_does_not_rebuild(make_tab):
    tab = make_tab()
    nodes = tab.sections.nodes
    start = FIXTURE.index("Prepares")
    tab.document.apply([Edit(start, start + len("Prepares"), "Ships")])
    tab.analyse()
    assert tab.sections.nodes is nodes
    pick(tab.sections, "Process")
    assert (
        tab.sections.line_of(tab.sections.current()) == FIXTURE.splitlines().index("## Process") + 1
    )


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.label for t in TEMPLATES])
def test_each_template_adds_one_section(make_tab, template):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Checks")
    assert editor.insert_template(template)
    body = tab.document.parsed().body
    titles = [s.title for s in parse(body).sections]
    assert titles == ["Core Responsibilities", "Checks", template.title, "Process"]
    assert f"**{template.title}:**\n\n{template.content}\n\n## Process" in body
    assert editor.current().title == template.title
    tab.document.qdoc.undo()
    assert tab.document.text() == FIXTURE


def test_template_takes_the_style_of_its_place(make_tab):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Upload artifacts")  # inside "### Publish": after it, as an h3
    edge = next(t for t in TEMPLATES if t.title == "Edge Cases")
    menu = editor.insert_menu.actions()
    menu[TEMPLATES.index(edge)].trigger()
    assert tab.document.text() == FIXTURE + f"\n### Edge Cases\n\n{edge.content}\n"
    tab.document.qdoc.undo()
    assert tab.document.text() == FIXTURE


# ---------------------------------------------------------------- the seed


@pytest.fixture
def seed_tab(make_tab):
    if not SEED.is_file():
        pytest.skip("../shared/seeds/backend-developer.md is not present")
    tab = make_tab("")
    tab.document.path = SEED
    tab.document.reload()
    tab.document.qdoc.clearUndoRedoStacks()
    tab.analyse()
    return tab


def test_seed_operations_are_minimal_and_undo_to_the_bytes(seed_tab):
    tab, data = seed_tab, SEED.read_bytes()
    original = tab.document.text()
    editor = tab.sections
    assert [n.title for n in editor.nodes][:3] == [
        "Your Core Responsibilities",
        "Technology Expertise",
        "Development Process",
    ]
    editor.commit_edit(node(editor, "API Design & Implementation"), "**API Design**")
    expected = original.replace("1. **API Design & Implementation**", "1. **API Design**")
    assert tab.document.text() == expected
    editor.commit_edit(node(editor, "Technology Expertise"), "Tech Stack")
    expected = expected.replace("**Technology Expertise:**", "**Tech Stack:**")
    assert tab.document.text() == expected
    edge = "**Edge Cases to Handle:**\n\n" + original.split("**Edge Cases to Handle:**\n\n")[1]
    assert editor.drop(node(editor, "Edge Cases to Handle"), node(editor, "Tech Stack"), ABOVE)
    moved = expected.replace("\n\n" + edge.rstrip("\n"), "")
    moved = moved.replace("**Tech Stack:**", edge + "\n**Tech Stack:**")
    assert tab.document.text() == moved
    security = node(editor, "Security Considerations")
    assert editor.drop(security, node(editor, "Tech Stack"), ON)  # right above the process
    text = tab.document.text()
    assert "- **Cloud:** AWS, GCP, Vercel, Railway\n- **Security Considerations**\n" in text
    assert "  - Follow OWASP security guidelines\n\n**Development Process:**" in text
    assert "4. **Security" not in text
    assert_rows_match(editor)
    pick(editor, "Output Standards")
    editor.insert_template(TEMPLATES[0])
    editor.remove()
    pick(editor, "Tech Stack")
    editor.add_item()
    editor.remove()
    undo_all(tab, original)
    assert tab.document.file_bytes() == data


# ---------------------------------------------------------------- the corpus


def lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.strip())


def test_corpus_rename_move_undo(corpus, qtbot):
    """One rename and one move per file with sections; undo gives back the exact bytes.

    A move that would change the outline (a deeper heading taken under a shallower one, a
    heading inside HTML) is refused by the core: then nothing changes."""
    document = AgentDocument()
    editor = SectionsEditor(document)
    qtbot.addWidget(editor)
    files = moves = moved = 0
    for path in corpus:
        document.path = path
        try:
            document.reload()
        except DecodeError:
            continue
        data = document.file_bytes()
        assert data == path.read_bytes()
        document.qdoc.clearUndoRedoStacks()
        editor.refresh(document.parsed())
        sections = [n for n in walk(editor.nodes) if n.kind == SECTION]
        if not sections:
            continue
        files += 1
        text, first = document.text(), sections[0]
        assert editor.commit_edit(first, first.title + " (renamed)"), path
        changed = [
            (a, b)
            for a, b in zip(text.splitlines(), document.text().splitlines(), strict=True)
            if a != b
        ]
        assert 1 <= len(changed) <= 2, path  # the heading, and a setext underline
        assert first.title + " (renamed)" in changed[0][1]
        before = document.text()
        top = [n for n in walk(editor.nodes) if n.kind == SECTION and len(n.address) == 1]
        if len(top) > 1:
            moves += 1
            if editor.drop(top[-1], top[0], ABOVE):
                moved += 1
                assert lines(document.text()) == lines(before), path  # moved verbatim
                assert_rows_match(editor)
            else:
                assert document.text() == before, path
        while document.qdoc.isUndoAvailable():
            document.qdoc.undo()
        assert document.file_bytes() == data, path
    assert files and moved > 0.9 * moves


def test_keyboard_moves_and_removes(make_tab, qtbot):
    tab = make_tab()
    editor = tab.sections
    pick(editor, "Publish")
    editor.tree.setFocus()
    qtbot.waitUntil(editor.tree.hasFocus)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert tab.document.text() == FIXTURE.replace(PREPARE + PUBLISH, PUBLISH + "\n" + PREPARE)[:-1]
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert tab.document.text() == FIXTURE.replace(PUBLISH, "").replace(PREPARE, PREPARE[:-1])
    undo_all(tab, FIXTURE)


def test_context_menu_and_toolbar_offer_every_action(make_tab):
    editor = make_tab().sections
    pick(editor, "Versioning")
    menu = editor.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Rename\tF2",
        "Add Section",
        "Insert Section",
        "Add Item",
        "Move Up",
        "Move Down",
        "Outdent",
        "Indent",
        "Remove",
    ]
    labels = [a.text() for a in editor.insert_menu.actions()]
    assert labels == [t.label for t in TEMPLATES]
    bar = editor.findChild(QToolBar, "sections.toolbar")
    tips = [a.toolTip() for a in bar.actions()]
    assert any("Alt+Up" in tip for tip in tips) and any("Ctrl+Return" in tip for tip in tips)


# ---------------------------------------------------------------- a stable pane


def open_sections(window, tmp_path, text: str) -> EditorTab:
    path = tmp_path / "agent.md"
    path.write_text(text)
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.sections)
    return tab


def open_row_editor(qtbot, editor: SectionsEditor) -> QLineEdit:
    """Click the current row, then F2: its inline editor, with the focus."""
    tree = editor.tree
    rect = tree.visualItemRect(tree.currentItem())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=1000)
    return QApplication.focusWidget()


def test_an_inline_edit_keeps_focus_row_and_scroll(window, tmp_path, qtbot):
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present")
    tab = open_sections(window, tmp_path, SEED.read_text())
    editor, tree = tab.sections, tab.sections.tree
    bar = tree.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=1000)
    items = [n for n in walk(editor.nodes) if n.kind == ITEM]
    target = items[len(items) // 2]
    editor.select(ITEM, target.address)
    bar.setValue(bar.value() + 2)
    value = bar.value()
    line = open_row_editor(qtbot, editor)
    qtbot.keyClick(line, Qt.Key.Key_End)
    qtbot.keyClicks(line, " now")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.state() != QAbstractItemView.State.EditingState, timeout=1000)
    assert f"{target.text} now\n" in tab.document.text()
    assert QApplication.focusWidget() is tree
    assert editor.current().address == target.address and editor.current().text.endswith("now")
    assert bar.value() == value


def test_opening_and_leaving_a_row_editor_writes_nothing(window, tmp_path, qtbot):
    tab = open_sections(window, tmp_path, FIXTURE)
    editor = tab.sections
    for title in ("Checks", "Changelog", "Group by component"):
        pick(editor, title)
        line = open_row_editor(qtbot, editor)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        pick(editor, title)
        open_row_editor(qtbot, editor)
        qtbot.mouseClick(editor.tree.viewport(), Qt.MouseButton.LeftButton)  # focus out
    assert tab.document.text() == FIXTURE
    assert not tab.document.qdoc.isUndoAvailable()


def test_a_row_editor_keeps_its_typing_when_the_row_changes(window, tmp_path, qtbot):
    """The buffer changing under an open editor: typed text stays and is what is written."""
    tab = open_sections(window, tmp_path, FIXTURE)
    editor = tab.sections
    pick(editor, "Checks")
    line = open_row_editor(qtbot, editor)
    line.end(False)
    qtbot.keyClicks(line, " first")
    at = tab.document.text().index("**Checks:**")
    tab.document.apply([Edit(at, at + 11, "**Check list:**")])
    tab.analyse()
    assert line.text() == "Checks first"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "**Checks first:**" in tab.document.text(), timeout=1000)
