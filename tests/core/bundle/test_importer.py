import json
import os
import stat
import warnings
import zipfile

import pytest

from agentquill.core.bundle import importer as bi
from agentquill.core.bundle import staging
from agentquill.core.bundle.zipsafe import BundleError, Limits

AGENT = (
    "---\nname: {name}\ndescription: Helps with {name}.\ntools: Read, Grep\n---\n\nBody {name}.\n"
)
PLUGIN_JSON = json.dumps({"name": "team-kit", "version": "1.0.0"})


def agent(name):
    return AGENT.format(name=name).encode()


class RawName(zipfile.ZipInfo):
    """A zip entry whose name bytes are written as given, without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def make_zip(path, entries):
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate names are one of the hostile cases
        for entry, data in entries:
            zf.writestr(entry, data)
    return path


def snapshot(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def with_mode(name, mode):
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


HOSTILE = {
    "zip-slip": ([("../evil.md", agent("evil"))], "../evil.md"),
    "nested-slip": ([("agents/../../evil.md", agent("evil"))], "agents/../../evil.md"),
    "absolute": ([("/tmp/evil.md", agent("evil"))], "/tmp/evil.md"),
    "drive": ([("C:/evil.md", agent("evil"))], "C:/evil.md"),
    "backslash": ([("..\\evil.md", agent("evil"))], "..\\evil.md"),
    "symlink": ([(with_mode("agents/link.md", stat.S_IFLNK | 0o777), "/etc/passwd")], "link.md"),
    "char-device": ([(with_mode("agents/dev.md", stat.S_IFCHR | 0o644), "")], "agents/dev.md"),
    "block-device": ([(with_mode("agents/blk", stat.S_IFBLK | 0o644), "")], "agents/blk"),
    "fifo": ([(with_mode("agents/pipe.md", stat.S_IFIFO | 0o644), "")], "agents/pipe.md"),
    "non-utf8-name": (
        [(RawName("agents/caf\u00e9.md".encode("latin-1").decode("cp437")), b"x")],
        "caf\\xe9",
    ),
    "duplicate": ([("agents/a.md", agent("a")), ("agents/a.md", agent("b"))], "agents/a.md"),
    "bad-plugin-json": (
        [(".claude-plugin/plugin.json", "{name: oops"), ("agents/a.md", agent("a"))],
        ".claude-plugin/plugin.json: not valid JSON at line 1",
    ),
    "plugin-json-wrong-type": (
        [
            (".claude-plugin/plugin.json", json.dumps({"name": "k", "keywords": "x"})),
            ("agents/a.md", agent("a")),
        ],
        "keywords: must be an array",
    ),
    "plugin-json-not-object": (
        [(".claude-plugin/plugin.json", "[1, 2]"), ("agents/a.md", agent("a"))],
        "must be a JSON object",
    ),
    "marketplace-dotdot": (
        [
            (
                ".claude-plugin/marketplace.json",
                json.dumps(
                    {
                        "name": "m",
                        "owner": {"name": "o"},
                        "plugins": [{"name": "p", "source": "./../p"}],
                    }
                ),
            ),
        ],
        'plugins[0].source: Path contains ".."',
    ),
    "marketplace-wrong-type": (
        [
            (
                ".claude-plugin/marketplace.json",
                json.dumps({"name": "m", "owner": {"name": "o"}, "plugins": {}}),
            )
        ],
        "plugins: is required and must be an array",
    ),
    "agent-not-utf8": ([("agents/latin.md", b"---\nname: caf\xe9\n---\n")], "agents/latin.md"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_zip_is_refused_naming_the_entry_and_nothing_is_written(tmp_path, case):
    entries, named = HOSTILE[case]
    bundle = make_zip(tmp_path / "bundle.zip", entries)
    before = snapshot(tmp_path)
    with pytest.raises(BundleError) as info:
        bi.open_bundle(bundle)
    assert named in str(info.value)
    assert snapshot(tmp_path) == before and not (tmp_path.parent / "evil.md").exists()


def test_entry_count_total_size_and_ratio_limits(tmp_path):
    many = make_zip(tmp_path / "many.zip", [(f"agents/a{i}.md", agent(f"a{i}")) for i in range(6)])
    with pytest.raises(BundleError, match="6 entries, more than 5"):
        bi.open_bundle(many, Limits(max_entries=5))
    big = make_zip(tmp_path / "big.zip", [("agents/a.md", b"a" * 600), ("agents/b.md", b"b" * 600)])
    with pytest.raises(BundleError, match="agents/b.md: the files add up to more than 1000"):
        bi.open_bundle(big, Limits(max_total=1000))
    bomb = make_zip(tmp_path / "bomb.zip", [("agents/bomb.md", b"\0" * 200_000)])
    with pytest.raises(BundleError, match="agents/bomb.md: compressed .* to 1, a likely zip bomb"):
        bi.open_bundle(bomb, Limits(ratio_floor=1024))
    with pytest.raises(BundleError, match="bomb.md"):  # the default limits catch a real one
        bi.open_bundle(make_zip(tmp_path / "b2.zip", [("agents/bomb.md", b"\0" * 3_000_000)]))


def test_encrypted_entry_and_not_a_zip_are_refused(tmp_path):
    bundle = make_zip(tmp_path / "enc.zip", [("agents/secret.md", b"x")])
    raw = bytearray(bundle.read_bytes())  # zipfile cannot write encrypted entries: set the bit
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        raw[raw.index(signature) + offset] |= 0x1
    bundle.write_bytes(bytes(raw))
    with pytest.raises(BundleError, match="agents/secret.md: encrypted"):
        bi.open_bundle(bundle)
    (tmp_path / "junk.zip").write_bytes(b"not a zip at all")
    with pytest.raises(BundleError, match="junk.zip: not a readable zip"):
        bi.open_bundle(tmp_path / "junk.zip")


def test_a_damaged_zip_is_refused_not_a_crash(tmp_path):
    # a flipped bit in the deflate stream was a zlib.error, in the version needed to extract a
    # NotImplementedError (issue 14's fuzz run)
    body = b"---\nname: a\ndescription: b\n---\n" + b"Body text.\n" * 200
    bundle = make_zip(tmp_path / "a.zip", [("agents/a.md", body)])
    raw = bytes(bundle.read_bytes())
    start = raw.index(b"PK\x03\x04") + 30 + len("agents/a.md")
    stream = bytearray(raw)
    stream[start + 20] ^= 0xFF  # inside the compressed data
    version = bytearray(raw)
    version[raw.index(b"PK\x01\x02") + 6] = 148  # version needed: 14.8
    for damaged, message in ((stream, "agents/a.md: cannot be read"), (version, "not a readable")):
        bundle.write_bytes(bytes(damaged))
        with pytest.raises(BundleError, match=message):
            bi.open_bundle(bundle)


def test_folder_bundle_refuses_symlinks_and_fifos(tmp_path):
    plugin = tmp_path / "plugin"
    (plugin / "agents").mkdir(parents=True)
    (plugin / "agents" / "a.md").write_bytes(agent("a"))
    (plugin / "agents" / "link.md").symlink_to("/etc/passwd")
    with pytest.raises(BundleError, match="agents/link.md: symbolic links"):
        bi.open_bundle(plugin)
    (plugin / "agents" / "link.md").unlink()
    os.mkfifo(plugin / "agents" / "pipe.md")
    with pytest.raises(BundleError, match="agents/pipe.md: device files, pipes"):
        bi.open_bundle(plugin)


# --- planning and all-or-nothing writes -------------------------------------------------------


@pytest.fixture
def plugin_zip(tmp_path):
    return make_zip(
        tmp_path / "kit.zip",
        [
            ("team-kit/.claude-plugin/plugin.json", PLUGIN_JSON),
            ("team-kit/agents/reviewer.md", agent("reviewer")),
            ("team-kit/agents/planner.md", agent("planner")),
            ("team-kit/README.md", "# kit\n"),
        ],
    )


def test_lists_agents_of_a_wrapped_plugin_zip(plugin_zip):
    bundle = bi.open_bundle(plugin_zip)
    assert bundle.kind == "plugin"
    assert [a.key for a in bundle.agents] == ["team-kit:planner", "team-kit:reviewer"]
    assert [a.name for a in bi.select(bundle, ["reviewer"])] == ["reviewer"]
    with pytest.raises(BundleError, match="no agent named 'ghost'"):
        bi.select(bundle, ["ghost"])


def test_import_is_byte_identical_and_clashes_follow_the_choice(plugin_zip, tmp_path):
    into = tmp_path / "project" / ".claude" / "agents"
    bundle = bi.open_bundle(plugin_zip)
    bi.apply_import(bi.plan_import(bundle.agents, into), into)
    assert (into / "reviewer.md").read_bytes() == agent("reviewer")
    (into / "planner.md").write_bytes(b"---\nname: planner\n---\nmine\n")
    plan = bi.plan_import(bundle.agents, into, "skip", choices={"team-kit:reviewer": "rename"})
    assert [(p.dest, p.action) for p in plan] == [
        ("planner.md", "skip"),
        ("reviewer-2.md", "rename"),
    ]
    bi.apply_import(plan, into)
    assert (into / "planner.md").read_bytes() == b"---\nname: planner\n---\nmine\n"
    assert b"name: reviewer-2\n" in (into / "reviewer-2.md").read_bytes()
    bi.apply_import(bi.plan_import(bundle.agents, into, "replace"), into)
    assert (into / "planner.md").read_bytes() == agent("planner")


def test_failed_import_leaves_the_target_unchanged(plugin_zip, tmp_path, monkeypatch):
    into = tmp_path / "agents"
    into.mkdir()
    (into / "planner.md").write_bytes(b"original")
    before = {p.name: p.read_bytes() for p in into.iterdir()}
    plan = bi.plan_import(bi.open_bundle(plugin_zip).agents, into, "replace")
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # after the old planner was moved aside and the new one placed
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(staging.os, "replace", failing_replace)
    with pytest.raises(BundleError, match="No space left"):
        bi.apply_import(plan, into)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in into.iterdir()} == before


def test_failed_import_into_a_new_folder_removes_it(plugin_zip, tmp_path, monkeypatch):
    into = tmp_path / "fresh" / ".claude" / "agents"
    plan = bi.plan_import(bi.open_bundle(plugin_zip).agents, into)
    monkeypatch.setattr(staging.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(BundleError):
        bi.apply_import(plan, into)
    assert not (tmp_path / "fresh").exists()


def test_import_converts_to_the_target_folders_dialect(plugin_zip, tmp_path):
    into = tmp_path / ".github" / "agents"
    bundle = bi.open_bundle(plugin_zip)
    plan = bi.plan_import(bundle.agents, into)
    assert [p.dest for p in plan] == ["planner.agent.md", "reviewer.agent.md"]
    copilot = make_zip(
        tmp_path / "c.zip",
        [
            (
                ".github/agents/helper.agent.md",
                "---\nname: 'The Helper'\ndescription: d\ntools: ['search']\n---\nx\n",
            )
        ],
    )
    plan = bi.plan_import(bi.open_bundle(copilot).agents, tmp_path / ".claude" / "agents")
    assert plan[0].dest == "helper.md"
    assert b"tools: Grep, Glob\n" in plan[0].data and plan[0].report


def test_marketplace_folder_with_local_and_remote_plugins(tmp_path):
    root = tmp_path / "market"
    (root / ".claude-plugin").mkdir(parents=True)
    (root / "plugins" / "kit" / "agents").mkdir(parents=True)
    (root / "plugins" / "kit" / "agents" / "a.md").write_bytes(agent("alpha"))
    market = {
        "name": "m",
        "owner": {"name": "o"},
        "plugins": [
            {"name": "kit", "source": "./plugins/kit"},
            {"name": "far", "source": {"source": "github", "repo": "o/r"}},
        ],
    }
    (root / ".claude-plugin" / "marketplace.json").write_text(json.dumps(market))
    bundle = bi.open_bundle(root)
    assert bundle.kind == "marketplace" and [a.key for a in bundle.agents] == ["kit:alpha"]
    assert "far: a remote plugin (github), not imported" in bundle.notes


# --- command line -----------------------------------------------------------------------------


def test_cli_import(plugin_zip, tmp_path, capsys):
    from agentquill.cli import main

    into = tmp_path / "agents"
    assert main(["import", str(plugin_zip), "--into", str(into), "--agents", "reviewer"]) == 0
    assert "team-kit:reviewer:" in capsys.readouterr().out
    assert [p.name for p in into.iterdir()] == ["reviewer.md"]
    assert main(["import", str(plugin_zip), "--into", str(into), "--on-clash", "skip"]) == 0
    assert "team-kit:reviewer: skipped" in capsys.readouterr().out
    hostile = make_zip(tmp_path / "evil.zip", [("../evil.md", agent("evil"))])
    assert main(["import", str(hostile), "--into", str(into)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "../evil.md" in err and "Traceback" not in err
    assert main(["import", str(tmp_path / "nope.zip"), "--into", str(into)]) == 2
