"""Issue 4's acceptance on the reference agent: examples and sections edited through the UI of
one window, then Edit → Undo back to the file's bytes."""

from __future__ import annotations

import shutil

import pytest
import yaml

from agentquill.core.frontmatter import parse
from agentquill.ui.sections.model import ON, walk
from support import SEED


def node(tab, title: str):
    return next(n for n in walk(tab.sections.nodes) if title in (n.title, n.text))


def titles(tab) -> list[str]:
    return [n.title or n.text for n in walk(tab.sections.nodes)]


def test_seed_examples_and_sections_through_the_ui_undo_to_identical_bytes(window, tmp_path):
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present")
    path = tmp_path / SEED.name
    shutil.copy(SEED, path)
    original = path.read_bytes()
    tab = window.files.open_file(path)

    # Examples: swap examples 1 and 3 (one drag, one button), add a turn to example 2
    window.acts["examples"].trigger()
    cards = tab.examples.cards
    contexts = [c.context.text() for c in cards]
    tab.examples.drop(0, 3)  # what dropping card 1 below card 3 does
    tab.examples.cards[1].up_button.click()
    assert [c.context.text() for c in tab.examples.cards][:3] == [
        contexts[2],
        contexts[1],
        contexts[0],
    ]
    turns = len(tab.examples.cards[1].turns)
    tab.examples.cards[1].add_turn_button.click()
    assert len(tab.examples.cards[1].turns) == turns + 1

    # Sections: "Security Considerations" right above "Development Process", rename an item
    window.acts["sections"].trigger()
    tab.analyse()
    order = titles(tab)
    before = order.index("Development Process")
    assert tab.sections.drop(node(tab, "Security Considerations"), order_at(tab, before - 1), ON)
    lines = tab.document.text().splitlines()
    moved = next(i for i, s in enumerate(lines) if "Security Considerations" in s)
    between = lines[moved + 1 : lines.index("**Development Process:**")]
    assert all(s.startswith("  - ") or not s.strip() for s in between)  # only its own bullets
    tab.sections.commit_edit(node(tab, "API Design & Implementation"), "**API Design**")
    text = tab.document.text()
    assert "1. **API Design**\n" in text
    assert isinstance(yaml.safe_load(text.split("---\n")[1])["description"], str)
    assert parse(text).frontmatter.error is None

    while window.acts["undo"].isEnabled():
        window.acts["undo"].trigger()
    assert window.acts["redo"].isEnabled()  # and all of it can be redone
    assert tab.document.file_bytes() == original
    assert window.files.save(tab) and path.read_bytes() == original


def order_at(tab, index: int):
    """The section that holds the row at ``index`` (the section before the target one)."""
    rows = list(walk(tab.sections.nodes))
    return next(n for n in reversed(rows[: index + 1]) if n.kind == "section")
