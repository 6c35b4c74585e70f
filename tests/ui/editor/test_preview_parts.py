"""The preview patches only the parts an edit changed, and the result equals a full rebuild."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agentquill.core.render import render_parts
from agentquill.ui.editor.preview import PreviewView
from support import FIXTURES

BASE = (FIXTURES / "release-manager.md").read_text(encoding="utf-8")
INSERTS = ["x", " word", "\n", "\n\n## New section\n\n", "- item\n", "```\ncode\n```\n", "**b**"]


def shown(view: PreviewView, text: str) -> str:
    view.show_parts(*render_parts(text))
    return view.document().toHtml()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
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


# the fixture with its body six times more: repeated blocks (anchors ``b-…-2``), more parts
LONG = BASE + BASE[BASE.index("\n---\n") + 5 :] * 6
LINES = LONG.splitlines(keepends=True)
BODY_LINE = LINES.index("---\n", 1) + 1


def moved(lines: list[str], start: int, count: int, to: int) -> list[str]:
    """``lines`` with ``count`` lines from ``start`` cut and pasted before line ``to`` of the
    rest (all taken modulo the body's lines, so that the frontmatter stays)."""
    body = lines[BODY_LINE:]
    start %= len(body)
    cut = body[start : start + count]
    rest = body[:start] + body[start + count :]
    to %= len(rest) + 1
    return lines[:BODY_LINE] + rest[:to] + cut + rest[to:]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.integers(0, 500), st.integers(1, 12), st.integers(0, 500)), max_size=4)
)
@example([(2, 8, 40)])  # the first section moved below the second copy's
def test_moves_patched_equal_a_full_rebuild(qtbot, moves):
    """Lines cut and pasted elsewhere (a section or an item moved) change runs far apart."""
    view = PreviewView()
    qtbot.addWidget(view)
    lines = LINES
    shown(view, LONG)
    for start, count, to in moves:
        lines = moved(lines, start, count, to)
        fresh = PreviewView()
        qtbot.addWidget(fresh)
        assert shown(view, "".join(lines)) == shown(fresh, "".join(lines))


def test_far_move_is_patched_in_place(qtbot, monkeypatch):
    """A section moved from the end to the top re-parses it, not the page between."""
    view = PreviewView()
    qtbot.addWidget(view)
    sections = "".join(f"## Part {n}\n\nStep {n} in order.\n\n- check {n}\n\n" for n in range(60))
    head, last = LONG + "\n" + sections, "## Part 59\n\nStep 59 in order.\n\n- check 59\n\n"
    shown(view, head)
    parsed = []
    monkeypatch.setattr(view, "setHtml", parsed.append)
    text = head.replace(last, "").replace("## Part 3\n", last + "## Part 3\n")
    assert shown(view, text) == shown(PreviewView(), text)
    assert parsed == []


EXAMPLES = (FIXTURES / "examples-agent.md").read_text(encoding="utf-8")
STARTS = [m.start() for m in re.finditer(r"(?m)^  <example>$", EXAMPLES)]
ENDS = [*STARTS[1:], EXAMPLES.index("\nmodel:") + 1]
CHUNKS = [EXAMPLES[a:b] for a, b in zip(STARTS, ENDS, strict=True)]  # an example each


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 99), st.integers(0, 99), st.integers(0, 999), st.sampled_from(INSERTS))
def test_examples_moved_or_edited_patch_equal_a_full_rebuild(qtbot, moved, to, at, insert):
    """An example moved before another, then text typed into it."""
    view = PreviewView()
    qtbot.addWidget(view)
    shown(view, EXAMPLES)
    chunks = list(CHUNKS)
    chunks.insert(to % len(chunks), chunks.pop(moved % len(chunks)))
    text = EXAMPLES[: STARTS[0]] + "".join(chunks) + EXAMPLES[ENDS[-1] :]
    at = STARTS[0] + at % (ENDS[-1] - STARTS[0])
    for page in (text, text[:at] + insert + text[at:]):
        fresh = PreviewView()
        qtbot.addWidget(fresh)
        assert shown(view, page) == shown(fresh, page)


def test_one_example_is_patched_alone(qtbot, monkeypatch):
    """A turn edited in an example between two others re-parses that example, not the page."""
    view = PreviewView()
    qtbot.addWidget(view)
    shown(view, EXAMPLES)
    parsed = []
    monkeypatch.setattr(view, "setHtml", parsed.append)
    turn = EXAMPLES.index("user:", STARTS[1])
    text = EXAMPLES[:turn] + "user: Also this. " + EXAMPLES[turn + 5 :]
    fresh = PreviewView()
    qtbot.addWidget(fresh)
    assert shown(view, text) == shown(fresh, text)
    assert parsed == []


def test_moved_example_keeps_the_cards_and_retypes_the_captions(qtbot, monkeypatch):
    """Moving the first example last renumbers every caption: the moved card is re-parsed,
    captions that only changed number are re-typed, and the page equals a full rebuild."""
    view = PreviewView()
    qtbot.addWidget(view)
    shown(view, EXAMPLES)
    parsed, retyped = [], []
    monkeypatch.setattr(view, "setHtml", parsed.append)
    retype = view._retype
    monkeypatch.setattr(view, "_retype", lambda *a: retyped.append(a[0]) or retype(*a))
    text = EXAMPLES[: STARTS[0]] + "".join(CHUNKS[1:] + CHUNKS[:1]) + EXAMPLES[ENDS[-1] :]
    fresh = PreviewView()
    qtbot.addWidget(fresh)
    assert shown(view, text) == shown(fresh, text)
    assert parsed == [] and retyped


def test_unchanged_page_is_not_reparsed(qtbot):
    view = PreviewView()
    qtbot.addWidget(view)
    shown(view, BASE)
    revision = view.document().revision()
    shown(view, BASE)
    assert view.document().revision() == revision


def test_the_preview_loads_no_file_a_page_names(qtbot, tmp_path):
    """Defence in depth: the render never emits an image, but if one reached the page, Qt
    would read a ``file:`` URL or a path from disk unless ``loadResource`` answers."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QPixmap, QTextDocument

    picture = tmp_path / "p.png"
    image = QImage(7, 5, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(picture))
    view = PreviewView()
    qtbot.addWidget(view)
    view.setHtml(f'<p><img src="{picture.as_uri()}"><img src="{picture}"></p>')
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # lays out and paints the images
    for url in (picture.as_uri(), str(picture)):
        got = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        if isinstance(got, QImage | QPixmap):
            assert got.size() != image.size(), url
        else:
            assert not got, url


def test_a_commands_preview_is_headed_by_its_slash_name(qtbot, window, tmp_path):
    path = tmp_path / ".claude/commands/sub/nest.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ndescription: Ship it\n---\nDeploy.\n")
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.preview)
    qtbot.waitUntil(lambda: "/sub:nest" in tab.preview.toPlainText(), timeout=5_000)
    assert "named after its file" not in tab.preview.toPlainText()


def test_a_render_that_fails_on_the_worker_says_so_and_the_next_one_renders(qtbot, monkeypatch):
    """The renderer starts no render while one is out: a worker that raised and never
    answered left the preview on "Rendering preview…" for good."""
    from agentquill.ui.editor import preview

    view = PreviewView()
    qtbot.addWidget(view)
    text = "# Title\n\n" + "A long line of prose.\n" * (preview.SYNC_LIMIT // 20)
    renderer = preview.PreviewRenderer(view, lambda: text)
    real = preview._render

    def failing(*args):
        raise ImportError("cannot import name 'HtmlFormatter'")

    monkeypatch.setattr(preview, "_render", failing)
    renderer.render_now()  # a long text: on the worker
    qtbot.waitUntil(lambda: "could not be rendered" in view.toPlainText())
    assert "HtmlFormatter" in view.toPlainText()
    monkeypatch.setattr(preview, "_render", real)
    renderer.schedule()  # the next edit
    qtbot.waitUntil(lambda: "A long line of prose." in view.toPlainText())
    renderer.stop()
