"""The preview patches only the parts an edit changed, and the result equals a full rebuild."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agentquill.core.render import render_parts
from agentquill.ui.preview import PreviewView

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BASE = (FIXTURES / "release-manager.md").read_text(encoding="utf-8")
INSERTS = ["x", " word", "\n", "\n\n## New section\n\n", "- item\n", "```\ncode\n```\n", "**b**"]


def shown(view: PreviewView, text: str) -> str:
    view.show_parts(*render_parts(text))
    return view.document().toHtml()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(INSERTS)), max_size=6))
@example([(63, "\n"), (62, "x")])  # an empty heading "#" once handed its anchor on
def test_patched_preview_equals_a_full_rebuild(qtbot, edits):
    view = PreviewView()
    qtbot.addWidget(view)
    text = BASE
    shown(view, text)
    body = text.index("\n---\n") + 5
    for at, insert in edits:
        pos = body + at % (len(text) - body + 1)
        text = text[:pos] + insert + text[pos:]
        fresh = PreviewView()
        qtbot.addWidget(fresh)
        assert shown(view, text) == shown(fresh, text)


def test_unchanged_page_is_not_reparsed(qtbot):
    view = PreviewView()
    qtbot.addWidget(view)
    shown(view, BASE)
    revision = view.document().revision()
    shown(view, BASE)
    assert view.document().revision() == revision
