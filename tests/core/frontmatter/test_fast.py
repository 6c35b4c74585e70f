"""The fast reader gives exactly the fields the PyYAML path gives, whenever it answers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from agentquill.core import frontmatter
from agentquill.core.frontmatter import fast as simple_yaml
from agentquill.core.frontmatter import reader
from agentquill.core.frontmatter.fields import same
from agentquill.core.text import decode
from support import ROOT


def both(text: str):
    where = frontmatter.locate(text)
    if where is None:
        return None, None
    fast = simple_yaml.read(text, where[0], where[1])
    slow = reader.read_with_pyyaml(frontmatter.Frontmatter(*where), text)
    return fast, slow


def assert_equal(text: str) -> bool:
    fast, slow = both(text)
    if fast is None:
        return False
    assert slow.tier == "yaml" and slow.error is None, text
    assert len(fast) == len(slow.fields), text
    for a, b in zip(fast, slow.fields, strict=True):
        assert (a.key, a.key_span, a.value_span, a.style, a.indent, a.header, a.valid) == (
            b.key,
            b.key_span,
            b.value_span,
            b.style,
            b.indent,
            b.header,
            b.valid,
        ), (text, a, b)
        assert same(a.value, b.value), (text, a.value, b.value)
    return True


def test_fast_reader_takes_the_common_shapes():
    text = (
        '---\nname: x\ndescription: |\n  Use it.\n\n  <example>\n  user: "hi"\n  </example>\n\n'
        "tools: Read, Grep\nmaxTurns: 5\nbackground: true\ncolor: 'blue'\nmodel: \"opus\"\n"
        "empty:\n# a comment\nkeep: |+\n  a\n\n---\nbody\n"
    )
    assert assert_equal(text)


def test_fast_reader_takes_flow_lists_and_escapes():
    text = (
        "---\ntools: [Read, \"Grep\", 'Glob', 3, true]\nempty: [ ]\n"
        'description: "Use it:\\n\\t\\"now\\" \\u00e9\\x41"\n---\n'
    )
    assert assert_equal(text)
    fields = both(text)[0]
    assert fields[0].value == ["Read", "Grep", "Glob", 3, True]
    assert fields[2].value == 'Use it:\n\t"now" \u00e9A'
    for bad in ('a: "\\q"\n', "a: [x, [y]]\n", "a: [x,]\n", "a: [x: y]\n", "a: [x\n"):
        assert both("---\n" + bad + "---\n")[0] is None, bad


def test_fast_reader_declines_what_it_does_not_handle():
    for fm in (
        "a:\n  - x\n",
        "  # c\na: b\n",
        "a: >\n  x\n",
        "a: b\n  c\n",
        "a: b: c\n",
        "a:\tb\n",
        "a: |2\n   x\n",
    ):
        fast, _ = both("---\n" + fm + "---\n")
        assert fast is None, fm


line = st.one_of(
    st.tuples(
        st.sampled_from(["name", "description", "model", "x-y", "k_1"]),
        st.sampled_from([":", ": ", ":  "]),
        st.text(alphabet="ab :#-'\"|>[]{}*&!%@`\\01.~yesnoTrue\u00e9", max_size=12),
    ).map(lambda t: "".join(t)),
    st.sampled_from(["", "  ", "  indented: x", "  - item", "# comment", "|", "  block line"]),
)


@settings(max_examples=600)
@given(st.lists(line, max_size=8))
def test_fast_and_pyyaml_paths_agree_on_random_blocks(lines):
    assert_equal("---\n" + "\n".join(lines) + "\n---\nbody\n")


def test_fast_and_pyyaml_paths_agree_on_the_corpus(corpus):
    taken = 0
    for path in corpus:
        taken += assert_equal(decode(path.read_bytes()).text)
    assert taken > len(corpus) // 3


def test_fast_and_pyyaml_paths_agree_on_generated_agents():
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from generate import generated_agents

    assert sum(assert_equal(text) for _, text in generated_agents(300)) > 250


flow_item = st.text(alphabet="ab 1.-:#'\"\\,xyN~", min_size=0, max_size=6)
escaped = st.text(alphabet='ab\\"nt x0u1e9q/ :', max_size=14)


@settings(max_examples=400)
@given(st.lists(flow_item, max_size=4), st.sampled_from([", ", ",", " , "]), escaped)
def test_fast_and_pyyaml_paths_agree_on_flow_lists_and_escapes(items, sep, inner):
    text = f'---\nt: [{sep.join(items)}]\nd: "{inner}"\n---\n'
    assert_equal(text)


def test_the_fast_readers_table_of_yaml_types_is_pyyamls():
    """The fast reader knows without PyYAML which plain scalars may be other than text: the
    first characters of PyYAML's implicit types, and the words a letter may start (bools and
    nulls); anything else starting with a letter PyYAML reads as text."""
    import yaml

    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    assert {k for k in table if k} == simple_yaml._IMPLICIT
    letter_tags = {tag for k in table if k.isalpha() for tag, _ in table[k]}
    assert letter_tags == {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
    resolver = yaml.resolver.Resolver()

    def as_text(word: str) -> bool:
        return resolver.resolve(yaml.ScalarNode, word, (True, False)) == "tag:yaml.org,2002:str"

    assert not any(as_text(word) for word in simple_yaml.YAML_WORDS)
    near = ["yEs", "Nulls", "onn", "o", "n", "tRUE", "Off-road", "no way", "nULL", "Yes.", "FALSe"]
    assert all(as_text(word) for word in near)
    assert [frontmatter.parse(f"---\nk: {w}\n---\n").get("k").value for w in near] == near
