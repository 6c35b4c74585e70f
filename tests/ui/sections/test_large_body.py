"""A very long body is outlined off the UI thread and shown a slice at a time."""

from __future__ import annotations

from agentquill.core import outline
from agentquill.ui.sections import pane
from support import big_agent


def test_a_long_body_says_it_is_read_then_shows_every_section(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    path.write_text(big_agent(2 * pane.BACKGROUND_BODY))
    tab = window.files.open_file(path)
    sections = tab.sections
    tab.panes.setCurrentWidget(sections)
    assert sections.progress.isVisible() and not sections.tree.isEnabled()
    assert not sections.act_add_section.isEnabled()
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    body = tab.document.parsed().body
    assert sections.tree.topLevelItemCount() == len(outline.parse(body).sections)
    assert sections.tree.isEnabled() and sections.act_add_section.isEnabled()
    sections.tree.setCurrentItem(sections.tree.topLevelItem(3))
    sections.step("down")  # an edit from the pane goes to the one buffer, as ever
    assert tab.document.parsed().body != body
    qtbot.waitUntil(lambda: sections.nodes and sections.tree.topLevelItemCount() > 3)
