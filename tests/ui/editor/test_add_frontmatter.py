"""An empty or frontmatter-less file offers to start its frontmatter, as one undoable edit."""

from __future__ import annotations

import pytest

from agentquill.core.project.templates import DESCRIPTION_TO_FILL


@pytest.mark.parametrize(
    ("where", "body", "expected"),
    [
        (".claude/agents/Log Reader.md", "", "---\nname: log-reader\n"),
        (".claude/agents/helper.md", "Do things.\n", "---\nname: helper\n"),
        (".github/agents/helper.agent.md", "", f"---\ndescription: {DESCRIPTION_TO_FILL}\n"),
        (".opencode/agents/helper.md", "Hi\n", f"---\ndescription: {DESCRIPTION_TO_FILL}\n"),
    ],
)
def test_banner_adds_frontmatter_in_one_undo_step(window, tmp_path, qtbot, where, body, expected):
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text(body, encoding="utf-8")
    tab = window.files.open_file(path)
    assert tab.banner.isVisibleTo(window) and "Add frontmatter" in tab.banner.text()
    tab.banner.linkActivated.emit("frontmatter")
    text = tab.document.text()
    assert text.startswith(expected) and text.endswith(body)
    assert tab.document.parsed().frontmatter.tier == "yaml"
    qtbot.waitUntil(lambda: not tab.banner.isVisibleTo(window))
    assert not any(d.code == "AQ104" for d in tab.diagnostics)
    tab.document.qdoc.undo()
    assert tab.document.text() == body
    qtbot.waitUntil(lambda: tab.banner.isVisibleTo(window))


def test_a_file_with_frontmatter_or_an_unclosed_one_gets_no_offer(window, tmp_path):
    for name, text in (("ok.md", "---\nname: ok\ndescription: d\n---\n"), ("open.md", "---\nx")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        tab = window.files.open_file(path)
        assert "Add frontmatter" not in tab.banner.text() or not tab.banner.isVisibleTo(window)


def test_the_banner_says_what_each_place_does_with_the_file(window, tmp_path):
    """A project drops such a file; a plugin registers it under its name (claude-load)."""
    plugin = tmp_path / "kit"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin" / "plugin.json").write_text('{"name": "kit"}')
    for where, says in (
        (tmp_path / "proj" / ".claude" / "agents" / "notes.md", "no tool loads it as an agent"),
        (plugin / "agents" / "notes.md", "Claude Code loads it under the file's name"),
    ):
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_text("Just notes.\n", encoding="utf-8")
        assert says in window.files.open_file(where).banner.text()
