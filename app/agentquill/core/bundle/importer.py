"""Importing agents from a zip, a plugin folder or a marketplace folder into a target folder.

``open_bundle`` reads the bundle through :mod:`zipsafe` (hostile input refused, nothing
written) and lists the agents it holds. ``plan_import`` decides, per chosen agent, the file it
becomes in the target, what happens on a name clash (rename, replace or skip) and the dialect
conversion the target folder needs. ``apply_import`` writes the plan all or nothing.

A plugin's skills (whole folders), commands and output styles come back too: beside a
``.claude/agents`` folder in its ``.claude/`` (where Claude Code reads them), else inside the
folder named (``DIR/skills/…``), never outside it. A name that is taken is settled as an
agent's is: renamed (a skill's folder ``pdf-2/`` with its ``name:``, a command ``x-2.md``),
replaced or skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import convert, dialects
from ..convert import Entry
from ..frontmatter import Parsed, fields, parse
from ..text import DecodeError, FileText, apply_edits, decode
from . import components, manifest, staging
from .zipsafe import DEFAULT_LIMITS, BundleError, Limits, read_folder, read_zip

CLASH_CHOICES = ("rename", "replace", "skip")
_PLUGIN_DIRS = ("agents/", *(f"{folder}/" for folder in components.FOLDERS.values()))
_DIALECT_DIRS = (".claude/agents/", ".github/agents/", ".github/chatmodes/", ".opencode/agent")
_DIALECT_DIRS += (".gemini/agents/",)


@dataclass
class FoundAgent:
    """One agent file inside a bundle."""

    source: str  # its path inside the bundle
    plugin: str  # the plugin holding it, or ""
    name: str
    dialect: str
    data: bytes
    doc: FileText
    parsed: Parsed

    @property
    def key(self) -> str:
        """How the user names it: ``plugin:name`` inside a plugin, else ``name``."""
        return f"{self.plugin}:{self.name}" if self.plugin else self.name


@dataclass
class FoundComponent:
    """A skill, command or output style inside a bundle, with all its files."""

    kind: str  # components.SKILL | COMMAND | OUTPUT_STYLE
    plugin: str
    name: str
    where: str  # its place in a plugin: ``skills/pdf``, ``commands/review.md``…
    files: dict[str, bytes]  # path as in a plugin (``skills/pdf/SKILL.md``) → bytes

    @property
    def key(self) -> str:
        return f"{self.plugin}:{self.name}" if self.plugin else self.name


@dataclass
class Bundle:
    path: Path
    kind: str  # marketplace | plugin | agents
    agents: list[FoundAgent]
    notes: list[str] = field(default_factory=list)
    components: list[FoundComponent] = field(default_factory=list)


@dataclass
class ComponentPlacement:
    component: FoundComponent
    action: str  # new | replace | rename | skip
    where: str  # its place under home(): the component's own, or its new name's
    files: dict[str, bytes]  # what is written there, by place


@dataclass
class Placement:
    agent: FoundAgent
    dest: str  # file name inside the target folder
    action: str  # new | replace | rename | skip
    data: bytes
    report: list[Entry] = field(default_factory=list)


def open_bundle(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Bundle:
    """The agents in the bundle at ``path`` (a .zip or a folder); BundleError when refused."""
    path = Path(path)
    if path.is_symlink():
        raise BundleError(f"{path}: the bundle is a symbolic link")
    if path.is_dir():
        files = read_folder(path, limits)
    elif path.is_file():
        files = read_zip(path, limits)
    else:
        raise BundleError(f"{path}: no such file or folder")
    files = _strip_common_folder(files)
    notes: list[str] = []
    found: list[FoundComponent] = []
    if manifest.MARKETPLACE_JSON in files:
        kind, agents = "marketplace", _marketplace_agents(files, notes, found)
    elif manifest.PLUGIN_JSON in files or any(f.startswith(_PLUGIN_DIRS) for f in files):
        kind, agents = "plugin", _plugin_agents(files, "", notes)
        found = _components(files, "", agents[0].plugin if agents else _plugin_name(files, ""))
    else:
        kind, agents = "agents", _loose_agents(files, notes)
    if not agents and not found:
        raise BundleError(f"{path}: no agent files found")
    return Bundle(path, kind, agents, notes, found)


def _components(files: dict[str, bytes], root: str, plugin: str) -> list[FoundComponent]:
    """The skills, commands and output styles of the plugin at ``root``."""
    found = []
    for rel in sorted(files):
        inner = rel[len(root) :]
        kind = components.kind_of(inner) if rel.startswith(root) else None
        if kind is None or inner.split("/", 1)[0] != components.FOLDERS[kind]:
            continue
        where = inner.rsplit("/", 1)[0] if kind == components.SKILL else inner
        own = {
            f[len(root) :]: data
            for f, data in files.items()
            if f == root + where or f.startswith(f"{root}{where}/")
        }
        name = where.split("/", 1)[1].removesuffix(".md").replace("/", ":")
        found.append(FoundComponent(kind, plugin, name, where, own))
    return found


def _strip_common_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """Files of a zip that wraps everything in one folder, as if that folder were the root."""
    tops = {rel.split("/", 1)[0] for rel in files}
    if len(tops) != 1 or all("/" not in rel for rel in files):
        return files
    top = tops.pop()
    if top.startswith(".") or top == "agents":
        return files
    return {rel[len(top) + 1 :]: data for rel, data in files.items()}


def _manifest(files: dict[str, bytes], rel: str) -> dict | None:
    if rel not in files:
        return None
    try:
        text = files[rel].decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{rel}: not valid UTF-8") from None
    data, problems = manifest.load_json(text, rel)
    if problems:
        raise BundleError(str(problems[0]))
    check = manifest.validate_marketplace if rel.endswith("marketplace.json") else None
    problems = manifest.errors((check or manifest.validate_plugin)(data))
    if problems:
        raise BundleError(f"{rel}: {problems[0]}")
    return data


def _marketplace_agents(
    files: dict[str, bytes], notes: list[str], found: list[FoundComponent]
) -> list[FoundAgent]:
    data = _manifest(files, manifest.MARKETPLACE_JSON)
    assert data is not None
    agents: list[FoundAgent] = []
    for entry in data["plugins"]:
        source = entry["source"]
        if not isinstance(source, str):
            notes.append(f"{entry['name']}: a remote plugin ({source.get('source')}), not imported")
            continue
        root = str(PurePosixPath(source)).removeprefix("./").strip("/")
        root = "" if root == "." else root + "/"
        agents += _plugin_agents(files, root, notes, entry["name"])
        found += _components(files, root, _plugin_name(files, root, entry["name"]))
    return agents


def _plugin_agents(
    files: dict[str, bytes], root: str, notes: list[str], name: str = ""
) -> list[FoundAgent]:
    data = _manifest(files, root + manifest.PLUGIN_JSON)
    plugin = _plugin_name(files, root, name)
    listed = (data or {}).get("agents")
    if listed is None:
        wanted = [f for f in files if f.startswith(root + "agents/") and f.endswith(".md")]
    else:
        paths = [listed] if isinstance(listed, str) else listed
        prefixes = [root + str(PurePosixPath(p)).removeprefix("./").strip("/") for p in paths]
        wanted = [
            f
            for f in files
            if f.endswith(".md") and any(f == p or f.startswith(p + "/") for p in prefixes)
        ]
    return [a for rel in sorted(wanted) if (a := _agent(files, rel, plugin, notes))]


def _plugin_name(files: dict[str, bytes], root: str, name: str = "") -> str:
    data = _manifest(files, root + manifest.PLUGIN_JSON)
    return (data or {}).get("name") or name or convert.slug(root.rstrip("/").split("/")[-1])


def _loose_agents(files: dict[str, bytes], notes: list[str]) -> list[FoundAgent]:
    wanted = [
        rel
        for rel in files
        if rel.endswith(".md") and ("/" not in rel or rel.startswith(_DIALECT_DIRS))
    ]
    return [a for rel in sorted(wanted) if (a := _agent(files, rel, "", notes))]


def _agent(files: dict[str, bytes], rel: str, plugin: str, notes: list[str]) -> FoundAgent | None:
    try:
        doc = decode(files[rel])
    except DecodeError as exc:
        raise BundleError(f"{rel}: not valid UTF-8 at line {exc.line}") from None
    parsed = parse(doc.text)
    if parsed.frontmatter is None:
        notes.append(f"{rel}: no frontmatter, not an agent")
        return None
    name = parsed.value("name")
    name = name if isinstance(name, str) and name.strip() else convert.stem(rel)
    dialect = dialects.detect(rel, (f.key for f in parsed.fields)).id
    return FoundAgent(rel, plugin, name, dialect, files[rel], doc, parsed)


# --- planning and writing ---------------------------------------------------------------------


def target_dialect(into: Path) -> str:
    """The dialect agents take in ``into`` (from its path), Claude Code by default."""
    found = dialects.dialect_for_path(into / "agent.md")
    return convert.family(found.id) if found else convert.CLAUDE


def select(bundle: Bundle, wanted: Iterable[str] | None) -> list[FoundAgent]:
    """The agents named in ``wanted`` (by name or plugin:name), all when None."""
    if wanted is None:
        return list(bundle.agents)
    wanted = list(wanted)
    known = {x.key for x in [*bundle.agents, *bundle.components]}
    known |= {x.name for x in [*bundle.agents, *bundle.components]}
    missing = [w for w in wanted if w not in known]
    if missing:
        raise BundleError(f"{bundle.path}: no agent named {missing[0]!r} in the bundle")
    return [a for a in bundle.agents if a.key in wanted or a.name in wanted]


def select_components(bundle: Bundle, wanted: Iterable[str] | None) -> list[FoundComponent]:
    """The skills, commands and output styles named in ``wanted``, all when None."""
    if wanted is None:
        return list(bundle.components)
    wanted = set(wanted)
    return [c for c in bundle.components if c.key in wanted or c.name in wanted]


def home(into: Path) -> Path:
    """Where skills, commands and output styles go: the ``.claude/`` of a ``.claude/agents``
    folder, where Claude Code reads them; else ``into`` itself, never outside it."""
    return into.parent if into.name == "agents" and into.parent.name == ".claude" else into


def plan_components(
    found: Iterable[FoundComponent], into: str | Path, on_clash: str = "rename"
) -> list[ComponentPlacement]:
    """Where each component is written under :func:`home`; one whose place is taken (in the
    project or by another of the bundle) is settled by ``on_clash``, as an agent is."""
    if on_clash not in CLASH_CHOICES:
        raise ValueError(f"clash choice must be one of {CLASH_CHOICES}")
    root, taken = home(Path(into)), set()
    plan = []
    for c in found:
        where, files, action = c.where, c.files, "new"
        if where in taken or (root / where).exists():
            action = on_clash if on_clash != "replace" or where not in taken else "skip"
        if action == "rename":
            where, files = _renamed_component(c, root, taken)
        taken.add(where)
        plan.append(ComponentPlacement(c, action, where, files))
    return plan


def _renamed_component(
    c: FoundComponent, root: Path, taken: set[str]
) -> tuple[str, dict[str, bytes]]:
    """The first free ``NAME-N`` place for ``c`` and its files moved there; a skill's and an
    output style's ``name:`` follows (a command's name is its file's)."""
    base, suffix = (c.where, "") if c.kind == components.SKILL else (c.where[:-3], ".md")
    n = 2
    while f"{base}-{n}{suffix}" in taken or (root / f"{base}-{n}{suffix}").exists():
        n += 1
    where = f"{base}-{n}{suffix}"
    files = {where + rel[len(c.where) :]: data for rel, data in c.files.items()}
    main = f"{where}/SKILL.md" if c.kind == components.SKILL else where
    if c.kind != components.COMMAND and main in files:
        try:
            doc = decode(files[main])
        except DecodeError:
            return where, files  # not text: moved as it is
        text = _renamed(doc.text, f"{PurePosixPath(base).name}-{n}", [])
        files[main] = FileText(text, doc.bom).encode()
    return where, files


def plan_import(
    agents: Iterable[FoundAgent],
    into: str | Path,
    on_clash: str = "rename",
    choices: Mapping[str, str] | None = None,
) -> list[Placement]:
    """Where each agent goes in ``into``; ``choices`` (agent key → clash choice) win over
    ``on_clash``."""
    into = Path(into)
    target = target_dialect(into)
    suffix = dialects.get(target).file_suffix
    taken: set[str] = set()
    plan = []
    for agent in agents:
        choice = (choices or {}).get(agent.key, on_clash)
        if choice not in CLASH_CHOICES:
            raise ValueError(f"{agent.key}: clash choice must be one of {CLASH_CHOICES}")
        text, report, name = agent.doc.text, [], agent.name
        if convert.family(agent.dialect) != target:
            try:
                conv = convert.convert(text, target, agent.dialect, agent.source, agent.parsed)
            except convert.ConvertError as exc:
                raise BundleError(f"{agent.source}: cannot convert: {exc}") from None
            text, report, name = conv.text, conv.report, conv.name
        base = convert.slug(name) or convert.slug(convert.stem(agent.source)) or "agent"
        dest, action = base + suffix, "new"
        clash = dest in taken or (into / dest).exists()
        if clash and (choice == "skip" or (choice == "replace" and dest in taken)):
            action = "skip"
        elif clash and choice == "replace":
            action = "replace"
        elif clash:
            n = 2
            while f"{base}-{n}{suffix}" in taken or (into / f"{base}-{n}{suffix}").exists():
                n += 1
            dest, action = f"{base}-{n}{suffix}", "rename"
            text = _renamed(text, f"{base}-{n}", report)
        if action != "skip":
            taken.add(dest)
        data = agent.data if text == agent.doc.text else FileText(text, agent.doc.bom).encode()
        plan.append(Placement(agent, dest, action, data, report))
    return plan


def _renamed(text: str, name: str, report: list[Entry]) -> str:
    if parse(text).get("name") is None:
        return text  # the file name is the identity
    try:
        edits = fields.set_value(text, "name", name)
    except fields.EditRefused as exc:
        raise BundleError(f"name: cannot rename to {name!r}: {exc}") from None
    report.append(Entry("name", "changed", f"renamed to {name!r}: the name was taken"))
    return apply_edits(text, edits)


def apply_import(
    plan: list[Placement], into: str | Path, extra: Iterable[ComponentPlacement] = ()
) -> list[Path]:
    """Write the plan into ``into`` (and the components of ``extra`` beside it) all or
    nothing; the paths written."""
    into = Path(into)
    files = {p.dest: p.data for p in plan if p.action != "skip"}
    for p in plan:
        if p.action in ("new", "rename") and (into / p.dest).exists():
            raise BundleError(f"{into / p.dest}: appeared since the import was planned")
    root = home(into)
    if root != into:
        files = {f"{into.name}/{rel}": data for rel, data in files.items()}
    for placed in extra:
        if placed.action != "skip":
            files.update(placed.files)
    try:
        staging.install(root, files, overwrite=True)
    except staging.StagingError as exc:  # chained: a caller tells a disk error from a refusal
        raise BundleError(str(exc)) from exc
    return [root / rel for rel in files]
