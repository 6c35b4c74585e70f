import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentquill.core.frontmatter import emit, fields, parse
from agentquill.core.frontmatter.fields import (
    EditRefused,
    add_key,
    remove_key,
    rename_key,
    repair,
    same,
    set_value,
)
from agentquill.core.text import Edit, apply_edits, decode
from support import FIXTURES


def read(name: str) -> str:
    return decode((FIXTURES / name).read_bytes()).text


def edit(text, edits):
    return apply_edits(text, edits)


def test_set_model_is_one_token():
    text = read("release-manager.md")
    edits = set_value(text, "model", "opus")
    assert edits == [Edit(text.index("sonnet"), text.index("sonnet") + 6, "opus")]


def test_same_value_changes_nothing_for_every_fixture_field():
    for path in FIXTURES.rglob("*.md"):
        text = decode(path.read_bytes()).text
        for f in parse(text).fields:
            assert set_value(text, f.key, f.value) == [], (path.name, f.key)


def test_literal_block_keeps_style_and_unchanged_lines():
    text = read("release-manager.md")
    desc = parse(text).value("description")
    new = desc.replace("version needs tagging", "tag needs pushing")
    (e,) = set_value(text, "description", new)
    after = edit(text, [e])
    assert parse(after).value("description") == new
    changed = [a for a, b in zip(text.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1


def test_styles_are_kept_when_the_value_fits():
    text = "---\na: 'one'\nb: \"two\"\nc: [x, y]\nd: ['x', 'y']\ne:\n  - x\n---\n"
    out = edit(text, set_value(text, "a", "uno"))
    out = edit(out, set_value(out, "b", "dos"))
    out = edit(out, set_value(out, "c", ["x", "z"]))
    out = edit(out, set_value(out, "d", ["x", "z"]))
    out = edit(out, set_value(out, "e", ["x", "y"]))
    assert out == "---\na: 'uno'\nb: \"dos\"\nc: [x, z]\nd: ['x', 'z']\ne:\n  - x\n  - y\n---\n"


def test_unsafe_plain_values_fall_back_to_quotes_and_blocks():
    text = "---\nname: x\ndescription: short\n---\n"
    out = edit(text, set_value(text, "description", "Use when: needed # really"))
    assert "description: 'Use when: needed # really'\n" in out
    out = edit(text, set_value(text, "description", "two\nlines"))
    assert "description: |-\n  two\n  lines\n---" in out
    out = edit(text, set_value(text, "description", "yes"))
    assert parse(out).value("description") == "yes"
    out = edit(text, set_value(text, "description", " lead\n  indented\n"))
    assert parse(out).value("description") == " lead\n  indented\n"


def test_crlf_lines_stay_crlf():
    text = read("crlf-helper.md")
    out = edit(text, set_value(text, "description", "one\ntwo"))
    assert "description: |-\r\n  one\r\n  two\r\n" in out
    out = edit(text, add_key(text, "color", "red"))
    assert out.endswith("model: haiku\r\ncolor: red\r\n---\r\n\r\nYou review batch files.\r\n")


def test_add_remove_rename():
    text = read("release-manager.md")
    out = edit(text, add_key(text, "maxTurns", 12, after="tools"))
    assert "tools: Read, Grep, Glob, Bash\nmaxTurns: 12\nmodel: sonnet\n" in out
    out = edit(text, remove_key(text, "color"))
    assert (
        "color" not in parse(out).frontmatter.values() and out.count("\n") == text.count("\n") - 1
    )
    out = edit(text, rename_key(text, "color", "colour"))
    assert "\ncolour: orange\n" in out
    with pytest.raises(EditRefused):
        rename_key(text, "color", "model")


def test_add_to_a_file_without_frontmatter():
    out = edit("You are helpful.\n", add_key("You are helpful.\n", "name", "helper"))
    assert out == "---\nname: helper\n---\nYou are helpful.\n"


def test_edit_inside_invalid_frontmatter_leaves_the_rest_alone():
    text = read("unindented-description.md")
    out = edit(text, set_value(text, "model", "sonnet"))
    assert out == text.replace("model: opus", "model: sonnet")
    out = edit(text, set_value(text, "description", "Short and valid."))
    assert parse(out).frontmatter.tier == "yaml"
    assert parse(out).value("color") == "blue"


def test_repair_keeps_values_and_makes_yaml_valid():
    for name in ("colon-description.md", "escaped-newlines.md", "unindented-description.md"):
        text = read(name)
        before = parse(text).frontmatter.values()
        out = edit(text, repair(text))
        fm = parse(out).frontmatter
        assert fm.tier == "yaml", name
        assert fm.values() == before, name
        assert parse(out).body == parse(text).body


def test_comment_before_a_block_list_survives():
    text = "---\ntools:\n  # allowed tools\n  - read\n---\n"
    out = edit(text, set_value(text, "tools", ["read", "edit"]))
    assert out == "---\ntools:\n  # allowed tools\n  - read\n  - edit\n---\n"


def test_trimmed_edit_leaves_out_the_unchanged_head_and_tail():
    assert Edit(0, 6, "abXdef").trimmed("abcdef") == Edit(2, 3, "X")
    assert Edit(0, 3, "abc").trimmed("abc").empty


def test_same_distinguishes_types():
    assert not same(True, 1) and not same(1, 1.0) and same([1, {"a": "b"}], [1, {"a": "b"}])


# --- properties ------------------------------------------------------------------------------
KEYS = ["name", "description", "tools", "model", "color", "maxTurns", "skills", "x-custom"]
strings = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
    max_size=40,
)
scalars = st.one_of(strings, st.integers(-5, 500), st.booleans(), st.none())
values = st.one_of(scalars, st.lists(strings.filter(str.strip), max_size=4))


def render(value, style):
    if isinstance(value, str):
        renderers = {
            "plain": lambda: emit.plain(value),
            "single": lambda: emit.single(value),
            "double": lambda: emit.double(value),
            "literal": lambda: emit.literal(value, 2, "\n"),
            "folded": lambda: emit.folded(value, 2, "\n"),
        }
        text = renderers.get(style, lambda: None)() or emit.double(value)
        return " " + text if style in ("literal", "folded") and text[0] in "|>" else " " + text
    if isinstance(value, list):
        if style == "flow":
            return " " + (emit.flow_seq(value, '"') or "[]")
        return "\n" + emit.block_seq(value, 2, "\n") if value else " []"
    dumped = yaml.safe_dump(value).split("\n", 1)[0]
    return "" if value is None else " " + dumped


@st.composite
def documents(draw):
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=6))
    lines, model = [], {}
    for key in keys:
        value = draw(values)
        style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded", "flow"]))
        text = render(value, style)
        lines.append(f"{key}:{text}" + ("" if text.endswith("\n") else "\n"))
        model[key] = value
    body = draw(st.sampled_from(["", "Body.\n", "\n# Title\n\ntext\n"]))
    return "---\n" + "".join(lines) + "---\n" + body, model


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents(),
    st.lists(
        st.tuples(st.sampled_from(["set", "remove", "rename"]), st.sampled_from(KEYS), values),
        max_size=6,
    ),
)
def test_random_edit_sequences_keep_the_model(doc, ops):
    text, model = doc
    parsed = parse(text)
    assert parsed.frontmatter.tier == "yaml"
    assert all(same(parsed.value(k), v) for k, v in model.items())
    body = parsed.body
    for op, key, value in ops:
        try:
            if op == "set":
                edits = set_value(text, key, value)
                model[key] = value
            elif op == "remove":
                edits = remove_key(text, key)
                model.pop(key, None)
            else:
                new_key = key + "-2"
                if key not in model or new_key in model:
                    continue
                edits = rename_key(text, key, new_key)
                model = {new_key if k == key else k: v for k, v in model.items()}
        except EditRefused:
            pytest.fail(f"refused {op} {key}={value!r} on {text!r}")
        text = apply_edits(text, edits)
        parsed = parse(text)
        assert parsed.frontmatter.tier == "yaml"
        assert list(parsed.frontmatter.values()) == list(model)
        assert all(same(parsed.value(k), v) for k, v in model.items())
        assert parsed.body == body


@settings(max_examples=100)
@given(documents(), st.sampled_from(KEYS), values)
def test_set_touches_only_the_field(doc, key, value):
    text, _ = doc
    f = parse(text).get(key)
    edits = set_value(text, key, value)
    if f is None:
        return
    for e in edits:
        assert f.key_span[1] <= e.start and e.end <= f.value_span[1] + 1


@given(st.text(max_size=200), st.sampled_from(KEYS), values)
def test_arbitrary_text_never_crashes_an_edit(text, key, value):
    try:
        edits = set_value(text, key, value)
    except EditRefused:
        return
    assert parse(apply_edits(text, edits)).value(key) is not None or value is None


def test_a_value_given_by_an_alias_is_refused_not_a_crash():
    text = "---\nx: &a 1\ny: *a\n---\n"
    with pytest.raises(EditRefused):
        set_value(text, "y", "low")


# --- undo: remove_key after add_key gives the text back ----------------------------------------
# block values whose last line is spaces only: past the block's indent, those spaces are content
SPACES_LAST = st.sampled_from(["line\n \n", "a\nb\n   \n", "x\n\n  \n", "one\n \n\n"])


def test_remove_key_after_add_key_after_a_literal_ending_in_spaces():
    text = "---\nname: a\ndescription: |\n  line\n   \ntools: Read\n---\nBody\n"
    assert parse(text).value("description") == "line\n \n"
    added = edit(text, add_key(text, "model", "x", after="description"))
    assert added == "---\nname: a\ndescription: |\n  line\n   \nmodel: x\ntools: Read\n---\nBody\n"
    assert edit(added, remove_key(added, "model")) == text
    assert edit(text, remove_key(text, "description")) == "---\nname: a\ntools: Read\n---\nBody\n"


def test_remove_key_undoes_add_key_of_a_literal_ending_in_spaces():
    text = "---\nname: a\n---\nBody\n"
    added = edit(text, add_key(text, "description", "line\n \n"))
    assert added == "---\nname: a\ndescription: |\n  line\n   \n---\nBody\n"
    assert edit(added, remove_key(added, "description")) == text


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents(),
    st.lists(
        st.tuples(st.sampled_from(KEYS), st.one_of(values, SPACES_LAST), st.integers(0, 7)),
        min_size=1,
        max_size=5,
    ),
)
def test_random_sequences_remove_key_undoes_add_key(doc, steps):
    """Each step adds a key (after a random field) and checks that removing it gives the text
    back, then keeps it; a key already there is set to the value instead."""
    text, _ = doc
    for key, value, where in steps:
        keys = [f.key for f in parse(text).fields]
        if key in keys:
            text = edit(text, set_value(text, key, value))
            continue
        added = edit(
            text, add_key(text, key, value, after=keys[where] if where < len(keys) else None)
        )
        assert edit(added, remove_key(added, key)) == text
        text = added


def test_corpus_remove_key_undoes_add_key(corpus):
    """A sample of the real files: a key added after a random field, then removed."""
    rng = random.Random(14)
    for path in rng.sample(corpus, min(300, len(corpus))):
        text = decode(path.read_bytes()).text
        keys = [f.key for f in parse(text).fields]
        value = rng.choice(["x", "two words", "line\n \n", ["a", "b"], 3, None])
        after = rng.choice([*keys, None])
        try:
            added = edit(text, add_key(text, "x-undo", value, after=after))
        except EditRefused:
            continue  # a frontmatter with no closing line, or one no edit keeps readable
        assert edit(added, remove_key(added, "x-undo")) == text, (path.name, after, value)


def test_repair_writes_many_broken_fields_with_one_check(monkeypatch):
    """Field by field, each check reads the whole text: 400 broken fields took 5 s."""
    from agentquill.core.frontmatter import fields

    reads = []
    real = fields.parse
    monkeypatch.setattr(fields, "parse", lambda text: reads.append(1) or real(text))
    head = "---\nname: a\ndescription: An agent.\n"
    text = head + "".join(f"k{i}: v: {i}\n" for i in range(400)) + "---\nBody.\n"
    repaired = apply_edits(text, repair(text))
    after = parse(repaired)
    assert after.frontmatter.tier == "yaml" and all(f.valid for f in after.fields)
    assert [(f.key, f.value) for f in after.fields] == [
        (f.key, f.value) for f in parse(text).fields
    ]
    assert len(reads) <= 3


def test_remove_together_refuses_at_once_what_ties_fields_together(monkeypatch):
    """An alias among the keys, or an anchor that a field left uses, refuses without a read."""
    text = "---\nname: &n a\nx: *n\nk1: v\nk2: v\n---\nBody\n"
    parsed = parse(text)
    assert apply_edits(text, fields.remove_together(text, ["k1", "k2"], parsed)) == (
        "---\nname: &n a\nx: *n\n---\nBody\n"
    )
    monkeypatch.setattr(fields, "parse", lambda _: pytest.fail("read the text again"))
    assert fields.remove_together(text, ["x", "k1"], parsed) is None
    assert fields.remove_together(text, ["name", "k1"], parsed) is None


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
@pytest.mark.parametrize("around", ["{}", "a{}b", "one{}two three"])
def test_a_value_holding_a_unicode_line_break_is_written_and_read_back_the_same(brk, around):
    """NEL, LS and PS are line breaks to PyYAML: written bare they would come back folded."""
    text = "---\nname: x\ndescription: d\n---\nBody\n"
    value = around.format(brk)
    written = apply_edits(text, set_value(text, "description", value))
    assert parse(written).value("description") == value
    assert yaml.safe_load(written.split("---\n")[1])["description"] == value
    assert emit.inline_str(value) == emit.double(value)
