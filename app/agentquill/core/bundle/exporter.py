"""Exporting agent files as a Claude Code plugin, a zip, a marketplace, or another dialect.

``plan_export`` works out every file that will be written (the dialog shows the tree), the
conversion report, the manifest problems and every file given that is left out and why (not
readable, not UTF-8, not an agent, not convertible, its place or name taken: one bad file does
not stop the export, and none goes missing unsaid), without touching the disk.
``write_export`` writes a plan: refused when a file already exists unless told to overwrite,
and always staged first, so a failure leaves the destination as it was.

A plugin carries the skills, commands and output styles given besides the agents (a skill with
its whole folder, :mod:`.components`), and what the plugin directory asks for to publish it
(:mod:`.publish`): a README with the install line, an icon (:mod:`.icon`), a licence.

An export never licenses anyone's work on its own: by default it keeps the project's licence
file (copied as it is) or writes none; an SPDX id is written only when chosen. The plan
lists the agents that need a look (:class:`Attention`): those Claude Code cannot load as
written, which the export can repair in its copy (never in the source), and those that
conversion changes.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import convert
from ..agentfile import AgentFile
from ..convert import Entry
from ..files import atomic_write
from ..frontmatter import fields, parse
from ..lint import Diagnostic, lint
from ..project import manage
from ..text import DecodeError, FileText, apply_edits, decode
from . import components, icon, manifest, publish, staging, zipsafe
from .manifest import Problem

FORMATS = ("plugin", "zip", "marketplace", "copilot", "opencode", "gemini", "agents-json")
FILE_FORMATS = ("zip", "agents-json")  # the destination is a file, not a folder
DIALECT_FOLDERS = {
    "copilot": ".github/agents",
    "opencode": ".opencode/agent",
    "gemini": ".gemini/agents",
}
#: "keep": the project's own licence file, if it has one; "none": no licence at all; then the
#: SPDX ids whose LICENSE text an export writes (any other valid id goes in plugin.json only)
LICENSES = ("keep", "none", *publish.TEXTS)
LICENSE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt")
GENERATE = "generate"  # the icon option that draws a monogram
ICON_PNG = ".claude-plugin/icon.png"  # where the directory looks without an `icon` field
#: the lint codes of an agent Claude Code cannot load as written, each said in a few words
_UNLOADABLE = {
    "AQ100": "Claude Code cannot parse it",
    "AQ102": "a '---' ends it early for Claude Code",
    "AQ103": "its frontmatter is never closed",
}
_CLAUDE_TARGETS = ("plugin", "zip", "marketplace", "agents-json")
_PLUGINS = ("plugin", "zip", "marketplace")  # the formats that carry skills, commands, styles
_CLAUDE_FAMILY = (convert.CLAUDE, "claude-plugin")


@dataclass(frozen=True)
class LeftOut:
    """A file the export was given but does not write, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: left out: {self.reason}"


@dataclass(frozen=True)
class Attention:
    """An agent the user should look at before exporting it, and why."""

    path: Path
    problem: str  # in a few words
    repairable: bool = False  # the export can write a repaired copy
    detail: str = ""  # the whole story, as the lint tells it

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class ExportError(ValueError):
    """The export cannot be written as planned; nothing was written."""


@dataclass
class ExportOptions:
    format: str = "plugin"
    name: str = ""
    version: str = "1.0.0"
    description: str = ""
    author: str = ""
    email: str = ""
    author_url: str = ""
    license: str = "keep"  # "keep", "none" or an SPDX id ("" until the user chooses)
    icon: str = ""  # "", GENERATE or the path of a PNG or JPEG
    marketplace: str = ""  # OWNER/REPO of the marketplace that will list it, when known
    keywords: list[str] = field(default_factory=list)
    project: Path | None = None  # the folder whose licence "keep" copies
    repair: frozenset[Path] = frozenset()  # agents whose copy is repaired (see Attention)


@dataclass
class ExportPlan:
    options: ExportOptions
    dest: Path
    files: dict[str, bytes]  # relative posix path → bytes (inside the zip for a zip)
    report: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return manifest.errors(self.problems)

    def tree(self) -> list[str]:
        """The paths that will be written, sorted, as shown to the user."""
        if self.options.format in FILE_FORMATS:
            return [self.dest.name] + [f"  {p}" for p in sorted(self.files)] * (
                self.options.format == "zip"
            )
        return sorted(self.files)

    def conflicts(self) -> list[str]:
        """What already exists and would be overwritten."""
        if self.options.format in FILE_FORMATS:
            return [str(self.dest)] if self.dest.exists() else []
        return staging.existing(self.dest, self.files)


@dataclass
class _Agent:
    path: Path
    data: bytes
    agent: AgentFile
    group: str
    changes: int = 0  # what converting it changed


@dataclass
class _Component:
    """A skill, command or output style, with the files it brings into the plugin."""

    path: Path
    files: dict[str, bytes]
    item: publish.Item
    group: str


def project_of(paths: Iterable[Path]) -> Path | None:
    """The project the export is of: the first path's (an agents folder's project, not the
    folder), else the first folder given itself."""
    for path in paths:
        return manage.project_root(path.resolve()) or (path if path.is_dir() else None)
    return None


def default_name(project: Path | None, paths: Iterable[Path]) -> str:
    """The plugin's name: the project folder's, as a plugin name (``My Kit`` → ``my-kit``);
    without a project, the first file's folder's."""
    folder = project
    if folder is None:
        first = next(iter(paths), None)
        folder = first if first is None or first.is_dir() else first.parent
    return (convert.slug(folder.name) if folder is not None else "") or "my-agents"


def project_license(project: Path | None) -> Path | None:
    """The licence file of ``project`` that "keep" copies, or None."""
    for name in LICENSE_FILES if project is not None else ():
        if (project / name).is_file():
            return project / name
    return None


def _unloadable(agent: AgentFile) -> Diagnostic | None:
    """Why Claude Code cannot load ``agent`` as written, if it cannot: our lint, which reads
    frontmatter as Claude Code's parser does."""
    return next((d for d in lint(agent) if d.code in _UNLOADABLE), None)


def _repaired(agent: AgentFile) -> AgentFile | None:
    """``agent`` with its broken values rewritten as YAML that reads the same, when Claude Code
    can load that; else None."""
    try:
        text = apply_edits(agent.text, fields.repair(agent.text))
    except fields.EditRefused:
        return None
    fixed = AgentFile(FileText(text, agent.doc.bom), agent.path)
    return fixed if _unloadable(fixed) is None else None


def _load(
    paths: Iterable[Path], options: ExportOptions, out: tuple[list[LeftOut], list[Attention]]
) -> list[_Agent]:
    """The agent files among ``paths``; the others are left out, with why. For a Claude Code
    target, those it cannot load are listed for attention (and repaired when asked)."""
    left_out, attention = out
    agents = []
    for path in paths:
        try:
            data = path.read_bytes()
            agent = AgentFile(decode(data), path)
            found = _unloadable(agent) if options.format in _CLAUDE_TARGETS else None
            if found is not None:
                fixed = _repaired(agent) if found.fix is not None else None
                said = f"{_UNLOADABLE[found.code]} (line {found.line})"
                attention.append(Attention(path, said, fixed is not None, found.message))
                if fixed is not None and path in options.repair:
                    agent, data = fixed, fixed.doc.encode()
        except (DecodeError, OSError) as exc:
            left_out.append(_unreadable(path, exc))
            continue
        if agent.parsed.frontmatter is None:
            left_out.append(LeftOut(path, "not an agent file: it has no frontmatter"))
            continue
        if agent.dialect.kind != "agent":
            left_out.append(LeftOut(path, _not_held(agent.dialect.kind, options.format)))
            continue
        agents.append(_Agent(path, data, agent, _group(path)))
    return agents


def _not_held(kind: str, fmt: str) -> str:
    """Why a file of ``kind`` (a skill, command, output style or rule the components could not
    place) is left out of an export to ``fmt``: it is no agent, so it is never converted."""
    if fmt not in _PLUGINS:
        return f"{_article(fmt)} {fmt} export holds agents only"
    if kind == "rule":
        return "plugins hold no rules"
    return f"a plugin holds a {kind} only in its {components.FOLDERS.get(kind, kind)} folder"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def _components(paths: list[Path], left_out: list[LeftOut]) -> list[_Component]:
    """The skills, commands and output styles among ``paths``, read whole; those that cannot
    be read are left out, with why."""
    found = []
    for path in paths:
        kind = components.kind_of(path)
        assert kind is not None
        try:
            carried = components.files(path)
            parsed = parse(decode(carried[_main_file(path)]).text)
        except (DecodeError, OSError) as exc:
            left_out.append(_unreadable(path, exc))
            continue
        where = components.place(path).split("/", 1)[1]
        name = {
            components.SKILL: where,
            components.COMMAND: where.removesuffix(".md").replace("/", ":"),
            components.OUTPUT_STYLE: str(parsed.value("name") or path.stem),
        }[kind]
        item = publish.Item(kind, name, _summary(parsed.value("description")))
        found.append(_Component(path, carried, item, _group(path, components.FOLDERS[kind])))
    return found


def _unreadable(path: Path, exc: DecodeError | OSError) -> LeftOut:
    """Why the file at ``path`` is left out when it cannot be read."""
    if isinstance(exc, DecodeError):
        return LeftOut(path, f"not valid UTF-8 (line {exc.line})")
    return LeftOut(path, f"cannot be read: {exc.strerror or exc}")


def _main_file(path: Path) -> str:
    """Where the file itself lies among the files its component brings."""
    where = components.place(path)
    return f"{where}/SKILL.md" if components.kind_of(path) == components.SKILL else where


def _group(path: Path, folder: str = "agents") -> str:
    """The plugin a file belongs with: the folder holding its ``folder`` (``agents/``,
    ``skills/``…), or its own."""
    parts = path.resolve().parent.parts
    if folder in parts:
        i = len(parts) - 1 - parts[::-1].index(folder)
        if i > 0:
            return convert.slug(parts[i - 1].lstrip("."))
    return convert.slug(path.resolve().parent.name)


def _author(options: ExportOptions) -> dict[str, str]:
    return {
        "name": options.author.strip(),
        "email": options.email.strip(),
        "url": options.author_url.strip(),
    }


def _summary(text: object) -> str:
    """The first sentence-ish of a description, for the README table."""
    text = text if isinstance(text, str) else ""
    text = re.split(r"\n|\\n|<example>", text, maxsplit=1)[0].strip()
    if len(text) > 160:
        text = text[:157].rsplit(" ", 1)[0] + "…"
    return text.replace("|", "\\|")


def _license_files(options: ExportOptions, problems: list[Problem]) -> dict[str, bytes]:
    if not options.license:
        problems.append(Problem("license", "choose a licence, keep the project's, or none"))
        return {}
    if options.license == "none":
        return {}
    if options.license == "keep":
        kept = project_license(options.project)
        try:
            return {kept.name: kept.read_bytes()} if kept is not None else {}
        except OSError as exc:
            problems.append(Problem("license", f"{kept}: cannot be read: {exc.strerror or exc}"))
            return {}
    if not publish.is_spdx(options.license):
        said = (
            f"{options.license!r} is not an SPDX licence id we know (like MIT, Apache-2.0 or "
            "GPL-3.0-only; LicenseRef-… names your own terms)"
        )
        problems.append(Problem("license", said))
        return {}
    if options.license not in publish.TEXTS:
        return {}  # named in plugin.json: the directory takes that as the licence
    holder = options.author.strip() or "the authors"
    text = publish.TEXTS[options.license].format(year=datetime.date.today().year, holder=holder)
    return {"LICENSE": text.encode()}


def _licence_line(options: ExportOptions) -> str:
    """The README's sentence on the licence."""
    if options.license == "keep":
        kept = project_license(options.project)
        return f"See the {kept.name} file for its licence." if kept is not None else ""
    if options.license in ("", "none"):
        return ""
    written = " (see the LICENSE file)" if options.license in publish.TEXTS else ""
    return f"Released under the {options.license} licence{written}."


def _icon(options: ExportOptions, plugin: str, problems: list[Problem]) -> tuple[dict, str]:
    """The icon file and the manifest's ``icon`` for it: a monogram of ``plugin``, or the
    picked image checked as the directory checks it (a PNG where the directory looks for
    one; a JPEG named by ``icon``)."""
    if not options.icon:
        return {}, ""
    if options.icon == GENERATE:
        return {ICON_PNG: icon.monogram(plugin)}, ""
    try:
        data = Path(options.icon).read_bytes()
        found = icon.check(data)
    except OSError as exc:
        problems.append(Problem("icon", f"{options.icon}: cannot be read: {exc.strerror or exc}"))
        return {}, ""
    except icon.IconError as exc:
        problems.append(Problem("icon", f"{Path(options.icon).name}: {exc}"))
        return {}, ""
    if found.kind == "png":
        return {ICON_PNG: data}, ""
    rel = ".claude-plugin/icon.jpg"
    return {rel: data}, f"./{rel}"


def _check_marketplace(options: ExportOptions, problems: list[Problem]) -> None:
    value = options.marketplace.strip()
    if value and not publish.MARKETPLACE.fullmatch(value):
        said = f"{value!r} is not OWNER/REPO (like acme/agent-plugins)"
        problems.append(Problem("marketplace", said))


def _converted(a: _Agent, target: str, left_out: list[LeftOut]) -> convert.Conversion | None:
    """``a`` converted to ``target``, or None when it cannot be (it is left out)."""
    try:
        return convert.convert(a.agent.text, target, path=a.path, parsed=a.agent.parsed)
    except convert.ConvertError as exc:
        left_out.append(LeftOut(a.path, f"cannot be converted: {exc}"))
        return None


def _add(
    files: dict[str, bytes], rel: str, data: bytes, source: Path, left_out: list[LeftOut]
) -> bool:
    """Put ``data`` at ``rel`` unless another file took it or it is no safe relative path (a
    name with a NUL, say): then ``source`` is left out."""
    try:
        zipsafe.check_name(rel)
    except zipsafe.BundleError as exc:
        left_out.append(LeftOut(source, f"no file can be named so: {exc}"))
        return False
    if rel in files:
        left_out.append(LeftOut(source, f"{rel} is already taken by another agent"))
        return False
    files[rel] = data
    return True


def _plugin_files(
    agents: list[_Agent], comps: list[_Component], report: list[Entry], left_out: list[LeftOut]
) -> dict[str, bytes]:
    """``agents/…`` of one plugin (Claude files byte for byte, others converted), then its
    skills, commands and output styles as they are."""
    files: dict[str, bytes] = {}
    names = [a.path.name for a in agents]
    for a in agents:
        data, filename, notes = a.data, a.path.name, []
        if convert.family(a.agent.dialect.id) not in _CLAUDE_FAMILY:
            conv = _converted(a, convert.CLAUDE, left_out)
            if conv is None:
                continue
            notes = [Entry(f"{conv.name}.{e.field}", e.kind, e.detail) for e in conv.report]
            a.changes = len(conv.report)
            data = (b"\xef\xbb\xbf" if a.agent.doc.bom else b"") + conv.text.encode()
            filename = conv.filename
        rel = f"agents/{filename}"
        if names.count(a.path.name) > 1 or rel in files:
            rel = f"agents/{a.group}/{filename}"
            notes.append(Entry(filename, "changed", f"placed in {rel}: the file name repeats"))
        if _add(files, rel, data, a.path, left_out):
            report += notes
    for c in comps:
        taken = next((rel for rel in c.files if rel in files), None)
        if taken is not None:
            left_out.append(LeftOut(c.path, f"{taken} is already taken by another file"))
            continue
        for rel, data in c.files.items():
            _add(files, rel, data, c.path, left_out)
    return files


def _items(agents: list[_Agent], comps: list[_Component]) -> list[publish.Item]:
    """What the README lists: each agent by its name, then each component."""
    listed = [
        publish.Item(
            "agent",
            str(a.agent.parsed.value("name") or convert.stem(a.path)),
            _summary(a.agent.parsed.value("description")),
        )
        for a in agents
    ]
    return listed + [c.item for c in comps]


def _one_plugin(
    plugin: str, description: str, parts: tuple[list[_Agent], list[_Component]], o: ExportOptions
) -> tuple[dict[str, bytes], list[Problem]]:
    """plugin.json, icon and README of the plugin ``plugin`` holding ``parts``."""
    problems: list[Problem] = []
    icon_files, icon_field = _icon(o, plugin, problems)
    data = manifest.plugin_json(
        plugin, o.version, description, _author(o), _spdx(o), o.keywords, icon=icon_field
    )
    problems = manifest.validate_plugin(data) + problems
    text = publish.readme(plugin, description, _items(*parts), o.marketplace, _licence_line(o))
    files = {manifest.PLUGIN_JSON: _json(data), "README.md": text.encode(), **icon_files}
    return files, problems


def _plan_plugin(
    parts: tuple[list[_Agent], list[_Component]],
    o: ExportOptions,
    report: list[Entry],
    left_out: list[LeftOut],
) -> tuple:
    files, problems = _one_plugin(o.name, o.description, parts, o)
    return {**files, **_plugin_files(*parts, report, left_out)}, problems


def _plan_marketplace(
    parts: tuple[list[_Agent], list[_Component]],
    o: ExportOptions,
    report: list[Entry],
    left_out: list[LeftOut],
) -> tuple:
    agents, comps = parts
    groups: dict[str, tuple[list[_Agent], list[_Component]]] = {}
    for a in agents:
        groups.setdefault(a.group or o.name, ([], []))[0].append(a)
    for c in comps:
        groups.setdefault(c.group or o.name, ([], []))[1].append(c)
    if len(groups) == 1:
        groups = {o.name: parts}
    files: dict[str, bytes] = {}
    entries, problems = [], []
    for plugin, members in groups.items():
        names = ", ".join(i.name for i in _items(*members))
        desc = o.description if len(groups) == 1 else f"Holds: {names}"[:300]
        root = f"plugins/{plugin}"
        own, found = _one_plugin(plugin, desc, members, o)
        problems += [Problem(f"{root}: {p.field}", p.message, p.severity) for p in found]
        own.update(_plugin_files(*members, report, left_out))
        files.update({f"{root}/{rel}": blob for rel, blob in own.items()})
        entries.append({"name": plugin, "source": f"./{root}", "description": desc})
    market = manifest.marketplace_json(o.name, _author(o), entries, o.description)
    problems = manifest.validate_marketplace(market) + problems
    files[manifest.MARKETPLACE_JSON] = _json(market)
    intro = (o.description + "\n\n" if o.description else "") + (
        f"Add it with `/plugin marketplace add {o.marketplace or '<path or repo>'}`, then "
        f"`/plugin install <plugin>@{o.name}`."
    )
    rows = sorted(f"| `{e['name']}` | {_summary(e['description'])} |" for e in entries)
    head = [f"# {o.name}", "", intro, "", "## Plugins", "", "| Plugin | What it holds |"]
    files["README.md"] = "\n".join([*head, "| --- | --- |", *rows, ""]).encode()
    return files, problems


def _plan_dialect(
    agents: list[_Agent], o: ExportOptions, report: list[Entry], left_out: list[LeftOut]
) -> dict:
    folder = DIALECT_FOLDERS[o.format]
    files: dict[str, bytes] = {}
    for a in agents:
        conv = _converted(a, o.format, left_out)
        if conv is None:
            continue
        a.changes = len(conv.report)
        data = (b"\xef\xbb\xbf" if a.agent.doc.bom else b"") + conv.text.encode()
        if _add(files, f"{folder}/{conv.filename}", data, a.path, left_out):
            report += [Entry(f"{conv.name}.{e.field}", e.kind, e.detail) for e in conv.report]
    return files


def _spdx(o: ExportOptions) -> str:
    """The manifest's licence: only one chosen by name (a kept file's is not guessed)."""
    return "" if o.license in ("none", "keep") else o.license


def _json(data: object) -> bytes:
    return convert.to_json(data).encode()


def plan_export(
    paths: Iterable[str | Path], options: ExportOptions, dest: str | Path
) -> ExportPlan:
    """Everything an export would write, its conversion report, its manifest problems and
    the files it leaves out."""
    if options.format not in FORMATS:
        raise ExportError(f"unknown format {options.format!r}; choose one of {FORMATS}")
    given = [Path(p) for p in paths]
    problems: list[Problem] = []
    report: list[Entry] = []
    left_out: list[LeftOut] = []
    attention: list[Attention] = []
    comps = [p for p in given if components.kind_of(p)]
    taken = set(comps)
    agents = _load([p for p in given if p not in taken], options, (left_out, attention))
    parts = (agents, _components(comps, left_out) if options.format in _PLUGINS else [])
    if comps and options.format not in _PLUGINS:
        left_out += [LeftOut(p, _not_held("", options.format)) for p in comps]
    if options.format in _PLUGINS:
        _check_marketplace(options, problems)
    if options.format in ("plugin", "zip"):
        files, found = _plan_plugin(parts, options, report, left_out)
        problems += found
        files.update(_license_files(options, problems))
    elif options.format == "marketplace":
        files, found = _plan_marketplace(parts, options, report, left_out)
        problems += found
        license_files = _license_files(options, problems)
        for rel in [r for r in files if r.endswith(manifest.PLUGIN_JSON)] + [""]:
            root = rel[: -len(manifest.PLUGIN_JSON)]
            files.update({root + k: v for k, v in license_files.items()})
    elif options.format == "agents-json":
        text, found_report, skipped = convert.agents_json([(a.agent.text, a.path) for a in agents])
        report += found_report
        left_out += [LeftOut(Path(path), reason) for path, reason in skipped]
        files = {Path(dest).name: text.encode()}
    else:
        files = _plan_dialect(agents, options, report, left_out)
    if len(left_out) == len(given):
        problems.append(Problem("agents", "no agent files to export"))
    attention += [
        Attention(a.path, f"conversion changes {a.changes} field(s): see the report")
        for a in agents
        if a.changes
    ]
    return ExportPlan(options, Path(dest), files, report, problems, left_out, attention)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deterministic zip of ``files`` (fixed timestamps, regular-file modes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(str(PurePosixPath(rel)), date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[rel])
    return buffer.getvalue()


def write_export(plan: ExportPlan, overwrite: bool = False) -> None:
    """Write the plan; ExportError (nothing written) on manifest errors or existing files."""
    if plan.errors:
        raise ExportError(str(plan.errors[0]))
    if plan.options.format in FILE_FORMATS:
        if plan.dest.exists() and not overwrite:
            raise ExportError(f"{plan.dest}: already exists (not overwritten)")
        if plan.dest.is_dir():
            raise ExportError(f"{plan.dest}: is a folder")
        data = zip_bytes(plan.files) if plan.options.format == "zip" else plan.files[plan.dest.name]
        plan.dest.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(plan.dest, data)
        return
    try:
        staging.install(plan.dest, plan.files, overwrite)
    except staging.StagingError as exc:  # chained: a caller tells a disk error from a refusal
        raise ExportError(str(exc)) from exc
