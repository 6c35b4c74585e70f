"""Generated edge cases of registration: one folder per layout holding agents, skills and
commands, each case with its own name, so what Claude Code lists tells which cases registered."""

from __future__ import annotations

import zipfile
from pathlib import Path

LONG = "n" * 257
EXACT = "m" * 256

#: agents/ files: relative path → text
AGENTS = {
    "a01.md": "---\nname: a01-ok\ndescription: A valid agent\n---\nBody.\n",
    "a02.md": "No frontmatter at all.\n",
    "a03.md": f"---\nname: {LONG}\ndescription: Too long a name\n---\n",
    "a04.md": "\n---\nname: a04-blank-first\ndescription: Opens after a blank line\n---\n",
    "a05.md": "---\nname: a05-no-description\n---\nBody.\n",
    "a06.md": "---\ndescription: No name\n---\n",
    "a07.md": "---\nname: a07-other\ndescription: Name differs from the stem\n---\n",
    "a08.md": "---\nname: a08-recovered\ndescription: Use it: when asked\n---\n",
    "a09.md": "---\nname: a09-tab\ndescription: x\ntools:\n\t- Read\n---\n",
    "a10.md": "---\nname: a10-hooks\ndescription: Empty hooks\nhooks: []\n---\n",
    "README.md": "---\nname: a11-readme\ndescription: A readme with frontmatter\n---\n",
    "sub/a13.md": "---\nname: a13-nested\ndescription: In a subfolder\n---\n",
    "sub/deeper/a14.md": "---\nname: a14-deeper\ndescription: Two folders down\n---\n",
    "a15.md": "---\nname: dup-agent\ndescription: First of two\n---\n",
    "a16.md": "---\nname: dup-agent\ndescription: Second of two\n---\n",
    "a17.txt": "---\nname: a17-txt\ndescription: Not markdown\n---\n",
    "a18.md": "---\nname: A18 Upper Spaced\ndescription: Odd name\n---\n",
    "a19.md": '---\nname: ""\ndescription: Empty name\n---\n',
    "a20.md": "---\nname: a20-empty-description\ndescription: ''\n---\n",
    "a21.md": "---\nname: 12345\ndescription: A number for a name\n---\n",
    "a22.md": "\ufeff---\nname: a22-bom\ndescription: Opens with a BOM\n---\n",
    "a23.md": "---\r\nname: a23-crlf-broken\r\ndescription: Use it: when asked\r\n---\r\n",
    "a24.md": "---\r\nname: a24-crlf\r\ndescription: Fine\r\n---\r\n",
    "a25.md": "---\nname: a25-list-description\ndescription:\n  - one\n  - two\n---\n",
    "a26.md": f"---\nname: {EXACT}\ndescription: Exactly 256\n---\n",
    "a27.md": "---  \nname: a27-trailing-space\ndescription: Spaces after the dashes\n---\n",
    "a28.md": "---\nname: a28-unclosed\ndescription: Never closed\n",
    ".a29.md": "---\nname: a29-hidden\ndescription: Hidden file\n---\n",
    "a30.MD": "---\nname: a30-upper-ext\ndescription: Upper-case extension\n---\n",
    "a31.md": "---\nname: a31-block\ndescription: |\n  Two\n  lines\n---\n",
    "a32.md": "---\nname: [a, b]\ndescription: A list for a name\n---\n",
    "a33.md": "---\nname: a33-bad-yaml\ndescription: [unclosed\n---\n",
    "a34.md": "---\n- a34\n- list\n---\n",
    "readme.md": "---\nname: a35-lower-readme\ndescription: lower-case readme\n---\n",
    "a36.md": "---\nname: a36-dashes\ndescription: Has --- inside it\n---\n",
    "a37.md": "---\nname: a37-model\ndescription: Bad model\nmodel: 42\ntools: 7\n---\n",
    "a38.md": "---\nname: a38:colon\ndescription: A colon in the name\n---\n",
    "b01.md": "---\nname: b01-hooks-map\ndescription: x\nhooks: {}\n---\n",
    "b02.md": "---\nname: b02-hooks-text\ndescription: x\nhooks: text\n---\n",
    "b04.md": "---\nname: b04-desc-num\ndescription: 42\n---\n",
    "b05.md": "---\nname: b05/slash\ndescription: x\n---\n",
    "b06.md": "---\nname: '  b06-spaced  '\ndescription: x\n---\n",
    "b07.md": "---\nname: null\ndescription: x\n---\n",
    "b08.md": "---\nname: true\ndescription: x\n---\n",
    "b09.md": "---\nname: café-b09\ndescription: x\n---\n",
    "b10.md": "---\nname: b10-desc-spaces\ndescription: '   '\n---\n",
    "b13.md": "---\nname: b13-hooks-event\ndescription: x\nhooks:\n  Foo: 1\n---\n",
    "b16.md": "",
    "b17.md": "---\n---\nEmpty frontmatter.\n",
    "b18.md": "---\nname: b18-dup-stem\ndescription: x\n---\n",
    "b18-dup-stem.md": "---\ndescription: No name, its stem is b18's name\n---\n",
    "b20.md": "---\ndescription: Ends with ---\nname: b20-cut\n---\n",
    "b21.md": "---\nname: b21-cut\ndescription: x\nhooks: ---\n---\n",
    "b22.md": '---\nname: b22-cut\ndescription: "a\n---\n  b"\n---\n',
    "b23.md": '---\nname: b23-paths\ndescription: x\npaths: "src/**"\n---\n',
    "b19.md": "---\nname: b19-odd\ndescription: x\nmaxTurns: -1\nhooks: null\n---\n",
}

SKILLS = {
    "s01/SKILL.md": "---\nname: s01\ndescription: A valid skill\n---\nDo it.\n",
    "s02/SKILL.md": "---\nname: s02-other\ndescription: Name differs from the folder\n---\n",
    "s03/SKILL.md": "Just instructions, no frontmatter.\n",
    "s04/SKILL.md": "---\nname: s04\n---\nNo description.\n",
    "s05/skill.md": "---\nname: s05\ndescription: Lower-case file name\n---\n",
    "s06/notes.md": "---\nname: s06\ndescription: No SKILL.md\n---\n",
    "group/s07/SKILL.md": "---\nname: s07\ndescription: Nested a level down\n---\n",
    "s08.md": "---\nname: s08\ndescription: A loose file in skills/\n---\n",
    "s09/SKILL.md": "\n---\nname: s09\ndescription: Opens after a blank line\n---\n",
    "s10/SKILL.md": "---\nname: s10\ndescription: [unclosed\n---\n",
    "shared/SKILL.md": "---\nname: shared\ndescription: Also a command\n---\n",
    "s11/SKILL.md": "---\nname: s11\ndescription: Hidden\nuser-invocable: false\n---\n",
    "s12/SKILL.md": "---\nname: s12\ndescription: Manual\ndisable-model-invocation: true\n---\n",
    "s13/SKILL.md": f"---\nname: {LONG}\ndescription: Too long a name\n---\n",
    "S14-Upper/SKILL.md": "---\nname: S14-Upper\ndescription: Upper-case folder\n---\n",
    "s15/SKILL.md": "---\r\nname: s15\r\ndescription: Use it: when asked\r\n---\r\n",
    "t01/SKILL.md": "---\ndescription: 42\n---\n",
    "t02/SKILL.md": "---\nwhen_to_use: Only this\n---\n",
    "t03/SKILL.md": "---\ndescription: x\nuser-invocable: 'false'\n---\n",
    "t04/SKILL.MD": "---\ndescription: Upper-case file name\n---\n",
    "t05/SKILL.md": "---\ndescription: '  '\n---\n",
    "t06/SKILL.md": "---\ndescription: x\nuser-invocable: false\n---\n",
    "t07/SKILL.md": "",
    "t10/SKILL.md": "---\nname: t10\ndescription: x\n---\n",
    "t10/extra/SKILL.md": "---\nname: t10b\ndescription: A skill inside a skill\n---\n",
    "p01/SKILL.md": '---\nname: p01\ndescription: Conditional\npaths: "src/**"\n---\n',
    "p02/SKILL.md": "---\ndescription: A list of paths\npaths:\n  - src/**\n  - lib\n---\n",
    "p03/SKILL.md": "---\ndescription: An empty list\npaths: []\n---\n",
    "p04/SKILL.md": '---\ndescription: Everything\npaths: "**"\n---\n',
    "p05/SKILL.md": '---\ndescription: Two in one\npaths: "src/**, lib/**"\n---\n',
    "p06/SKILL.md": "---\ndescription: An empty string\npaths: ''\n---\n",
    "p07/SKILL.md": "---\npaths: src/**\n---\nNo description.\n",
    "p08/SKILL.md": "---\ndescription: A number\npaths: 5\n---\n",
}

COMMANDS = {
    "c01.md": "---\ndescription: A valid command\n---\nDo it.\n",
    "c02.md": "Plain text command.\n",
    "grp/c03.md": "---\ndescription: Nested\n---\n",
    "grp/sub/c04.md": "---\ndescription: Two down\n---\n",
    "c05.md": "---\ndescription: [unclosed\n---\n",
    "c06.txt": "Not markdown.\n",
    "README.md": "# Commands\n",
    "c07.md": "\n---\ndescription: Opens after a blank line\n---\n",
    "shared.md": "---\ndescription: Same name as a skill\n---\n",
    "c08.md": "---\nname: c08-other\ndescription: Names itself\n---\n",
    ".c09.md": "Hidden command.\n",
    "c10.md": "---\r\ndescription: Use it: when asked\r\n---\r\n",
    "d01.MD": "---\ndescription: Upper-case extension\n---\n",
    "d02.md": "---\ndescription: x\nuser-invocable: false\n---\n",
    "d03.md": "---\ndescription: x\ndisable-model-invocation: true\n---\n",
    "d04.md": "",
    "t06.md": "Same name as the hidden skill t06.\n",
    "p09.md": '---\ndescription: A command with paths\npaths: "src/**"\n---\n',
    "p01.md": "Same name as the conditional skill p01.\n",
}

PLUGIN_MANIFEST = '{"name": "edge"}\n'
#: a root SKILL.md beside skills/ registers nothing (seen with claude-load 2.1.332)
ROOT_SKILL = "---\nname: rootskill\ndescription: At the plugin's root\n---\n"


#: plugins whose manifests place their components, or keep them from loading: name → manifest
#: (each plugin holds agents/std.md, custom/cust.md, custom/deep/deep.md, commands/c0.md,
#: cmds/cc.md, skills/k0/SKILL.md and sk/k1/SKILL.md)
MANIFESTS = {
    "m1": '{"name": "m1", "agents": ["./custom/cust.md"], "commands": "./cmds", "skills": "./sk"}',
    "m2": '{"name": "m2", "agents": "./custom"}',
    "m3": '{"name": "m3", broken',
    "m4": '{"name": "bad name here"}',
    "m5": '{"description": "no name"}',
    "m6": '{"name": "m6", "agents": ["./custom/cust.md", "./agents/std.md"]}',
    "m7": '{"name": "My_Plugin.x1"}',
    "m8": '{"name": "m8", "commands": ["./cmds/cc.md"], "skills": ["./sk/k1"]}',
    "m9": '{"name": "m9", "agents": ["./missing.md"]}',
    "m10": '{"name": "m10", "agents": []}',
    "m11": '{"name": "m11", "agents": "./custom/cust.md", "skills": "./sk/k1"}',
    "m12": '{"name": "m12", "agents": ["../x.md"]}',
    "m13": '{"name": "m13", "agents": ["custom/cust.md"]}',
}
_PARTS = {
    "agents/std.md": "---\nname: std\ndescription: x\n---\n",
    "custom/cust.md": "---\nname: cust\ndescription: x\n---\n",
    "custom/deep/deep.md": "---\nname: deep\ndescription: x\n---\n",
    "commands/c0.md": "x\n",
    "cmds/cc.md": "x\n",
    "skills/k0/SKILL.md": "---\ndescription: x\n---\n",
    "sk/k1/SKILL.md": "---\ndescription: x\n---\n",
}


def manifest_plugins(root: Path) -> list[Path]:
    """One plugin folder under ``root`` for each of :data:`MANIFESTS`."""
    folders = []
    for name, manifest in MANIFESTS.items():
        write(root / name, {**_PARTS, ".claude-plugin/plugin.json": manifest})
        folders.append(root / name)
    return folders


def write(base: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def lay_out(root: Path, layout: str, manifest: bool = True) -> Path:
    """The edge cases laid out under ``root`` as ``layout``; the folder to inventory. A
    plugin without ``manifest`` is named after its folder."""
    base = root / ".claude" if layout == "project" else root
    write(base / "agents", AGENTS)
    write(base / "skills", SKILLS)
    write(base / "commands", COMMANDS)
    if layout == "plugin":
        write(root, {"SKILL.md": ROOT_SKILL})
        if manifest:
            write(root, {".claude-plugin/plugin.json": PLUGIN_MANIFEST})
    return root


def zipped(folder: Path, archive: Path, top: str = "") -> Path:
    """``folder`` packed into ``archive``, its files under ``top`` (say ``"plugin/"``)."""
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, top + path.relative_to(folder).as_posix())
    return archive
