import pytest

from agentquill.core.bundle import manifest
from agentquill.core.bundle.manifest import validate_marketplace, validate_plugin


def fields(problems, severity="error"):
    return {p.field for p in problems if p.severity == severity}


def good_plugin(**changes):
    data = manifest.plugin_json(
        "code-tools", "1.2.0", "Agents", {"name": "Ada", "email": "ada@example.org"}, "MIT", ["x"]
    )
    data.update(changes)
    return data


def test_built_plugin_is_valid_and_skips_empty_fields():
    assert validate_plugin(good_plugin()) == []
    assert manifest.plugin_json("a-b") == {"name": "a-b"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Code Tools"}, "name"),
        ({"name": ""}, "name"),
        ({"version": "1.0"}, "version"),
        ({"version": 1}, "version"),
        ({"author": "Ada"}, "author"),
        ({"author": {"email": "a@b.c"}}, "author.name"),
        ({"author": {"name": "Ada", "email": "nope"}}, "author.email"),
        ({"keywords": "agents"}, "keywords"),
        ({"keywords": ["ok", 3]}, "keywords"),
        ({"agents": "agents/"}, "agents"),
        ({"agents": ["./a.md", "../b.md"]}, "agents[1]"),
        ({"description": ["x"]}, "description"),
        ({"defaultEnabled": "yes"}, "defaultEnabled"),
    ],
)
def test_plugin_problems_name_the_field(change, field):
    assert field in fields(validate_plugin(good_plugin(**change)))


def test_plugin_warnings_and_non_object():
    problems = validate_plugin(good_plugin(colour="red", metadata=[]))
    assert fields(problems, "warning") == {"colour", "metadata"} and not manifest.errors(problems)
    assert fields(validate_plugin([])) == {"plugin.json"}
    assert validate_plugin(good_plugin(version="1.0.0-beta.1+build.5")) == []


def market(*entries, **changes):
    data = manifest.marketplace_json("team-tools", {"name": "Ada"}, list(entries))
    data.update(changes)
    return data


def test_built_marketplace_is_valid():
    entry = {"name": "code-tools", "source": "./plugins/code-tools", "version": "1.0.0"}
    github = {"name": "gh", "source": {"source": "github", "repo": "o/r"}}
    assert validate_marketplace(market(entry, github)) == []


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        (market(name="claude-plugins-official"), "name", "reserved"),
        (market(name="Team Tools"), "name", "kebab"),
        (market(owner="Ada"), "owner", "object"),
        ({"name": "x", "plugins": []}, "owner", "required"),
        (market(plugins={}), "plugins", "array"),
        (
            market({"name": "a", "source": "./a"}, {"name": "a", "source": "./b"}),
            "plugins[1].name",
            "Duplicate",
        ),
        (market({"name": "a", "source": "./../a"}), "plugins[0].source", '".."'),
        (market({"name": "a", "source": "plugins/a"}), "plugins[0].source", "./"),
        (market({"name": "a"}), "plugins[0].source", "required"),
        (market({"name": "a", "source": {"source": "ftp"}}), "plugins[0].source.source", "one of"),
        (market({"name": "a", "source": {"source": "github"}}), "plugins[0].source.repo", "github"),
        (market({"name": "a", "source": "./a", "keywords": "x"}), "plugins[0].keywords", "array"),
        (market({"name": "a", "source": "./a", "version": "v1"}), "plugins[0].version", "semver"),
    ],
)
def test_marketplace_problems_name_the_field(data, field, text):
    found = [p for p in validate_marketplace(data) if p.field == field and p.severity == "error"]
    assert found and text in found[0].message


def test_non_kebab_plugin_entry_is_a_warning():
    problems = validate_marketplace(market({"name": "Code_Tools", "source": "./a"}))
    assert fields(problems, "warning") == {"plugins[0].name"} and not manifest.errors(problems)


def test_load_json_reports_line_and_column():
    data, problems = manifest.load_json('{"name": "a",\n  oops}', "plugin.json")
    assert data is None and "line 2, column 3" in str(problems[0])


def test_load_json_nested_too_deep_is_a_problem_not_a_recursion_error():
    data, problems = manifest.load_json("[" * 100_000 + "]" * 100_000, "plugin.json")
    assert data is None and [str(p) for p in problems] == [
        "plugin.json: not valid JSON: nested too deep"
    ]
