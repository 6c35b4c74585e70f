import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentquill.core.frontmatter import locate, parse
from agentquill.core.text import decode
from support import FIXTURES


def read(name: str) -> str:
    return decode((FIXTURES / name).read_bytes()).text


def test_fields_with_spans_and_styles():
    text = read("release-manager.md")
    parsed = parse(text)
    fm = parsed.frontmatter
    assert fm is not None and fm.tier == "yaml" and fm.error is None
    assert [f.key for f in parsed.fields] == ["name", "description", "tools", "model", "color"]
    model = parsed.get("model")
    assert text[model.value_span[0] : model.value_span[1]] == "sonnet"
    desc = parsed.get("description")
    assert desc.style == "literal" and desc.indent == 2 and desc.header == "|"
    # the block value ends after its last content line, not after the blank line below it
    assert text[desc.value_span[1] :].startswith("\ntools:")
    assert parsed.body.startswith("\nYou are a meticulous")


def test_no_frontmatter_is_legal_and_unterminated_is_flagged():
    assert parse("# Just markdown\n").frontmatter is None
    p = parse("---\nname: x\nno closing line\n")
    assert p.frontmatter is None and p.unterminated


def test_dots_close_the_block_and_only_whole_lines_count():
    assert locate("---\nname: x\n...\nbody") is not None
    text = "---\ndescription: |\n  a --- b\n  ---x\n---\nbody\n"
    parsed = parse(text)
    assert parsed.value("description") == "a --- b\n---x\n"
    assert parsed.body == "body\n"


def test_crlf_bom_and_missing_final_newline():
    crlf = parse(read("crlf-helper.md"))
    assert crlf.value("model") == "haiku" and crlf.body == "\r\nYou review batch files.\r\n"
    assert parse(read("bom-agent.md")).value("name") == "bom-agent"
    assert parse(read("no-final-newline.md")).body.endswith("trailing newline.")


def test_recovered_tier_reads_unquoted_colons_like_claude_code():
    text = read("colon-description.md")
    parsed = parse(text)
    fm = parsed.frontmatter
    assert fm.tier == "recovered" and fm.error is not None and fm.error.line == 3
    desc = parsed.get("description")
    assert desc.value.startswith("Use this agent when: a schema") and not desc.valid
    assert text[desc.value_span[0] : desc.value_span[1]] == desc.value
    assert parsed.get("model").valid and parsed.value("model") == "inherit"


def test_literal_backslash_n_is_kept_as_written():
    parsed = parse(read("escaped-newlines.md"))
    assert parsed.frontmatter.tier == "recovered"
    assert "\\n\\n<example>\\nContext:" in parsed.value("description")
    assert parsed.value("tools") == "Read, Bash"


def test_tolerant_tier_reads_unindented_descriptions():
    parsed = parse(read("unindented-description.md"))
    assert parsed.frontmatter.tier == "tolerant"
    assert [f.key for f in parsed.fields] == ["name", "description", "model", "color"]
    assert parsed.value("description").startswith("Use this agent when documentation is missing.")
    assert 'user: "Document the parser"' in parsed.value("description")
    assert parsed.value("model") == "opus" and parsed.get("model").valid


def test_nested_maps_and_comments():
    parsed = parse(read(".opencode/agent/reviewer.md"))
    assert parsed.value("permission") == {"edit": "deny", "bash": {"git diff": "allow", "*": "ask"}}
    assert parsed.get("permission").style == "block-map"
    assert parsed.value("temperature") == 0.1


def test_not_a_mapping():
    assert parse("---\n- a\n- b\n---\n").frontmatter.not_mapping == "list"
    assert parse("---\njust text\n---\n").frontmatter.not_mapping == "text"


def test_unknown_tags_keep_their_text():
    assert parse("---\nname: !custom value\n---\n").value("name") == "value"


@given(st.text(max_size=400))
def test_parse_never_raises(text):
    parsed = parse(text)
    for f in parsed.fields:
        assert 0 <= f.key_span[0] <= f.value_span[1] <= len(text)


@given(st.text(alphabet="-:# \n\t'\"|>[]{}*&!%@`abc\\", max_size=200))
def test_parse_never_raises_on_yaml_punctuation(text):
    parse("---\n" + text + "\n---\nbody")


@pytest.mark.parametrize("name", ["release-manager.md", "crlf-helper.md", "no-final-newline.md"])
def test_fields_match_pyyaml(name):
    import yaml

    text = read(name)
    fm = parse(text).frontmatter
    assert parse(text).frontmatter.values() == yaml.safe_load(text[fm.start : fm.end])
