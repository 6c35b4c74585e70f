"""One agent file as the core sees it: decoded text, parsed frontmatter, dialect."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import dialects
from .frontmatter import ClaudeVerdict, Parsed, claude_verdict, parse
from .text import FileText, decode, line_col

if TYPE_CHECKING:
    from . import outline


@dataclass
class AgentFile:
    """Text, its parse and its dialect, each worked out on first use. Cheap to rebuild."""

    doc: FileText
    path: str | Path | None = None  # kept as given: building a Path per file costs
    dialect_id: str | None = None  # forced dialect; detected from path and keys when None
    # plain attributes, not functools.cached_property: on Python < 3.12 that takes a lock
    _parsed: Parsed | None = field(default=None, init=False, repr=False)
    _dialect: dialects.Dialect | None = field(default=None, init=False, repr=False)
    _claude: ClaudeVerdict | None = field(default=None, init=False, repr=False)

    @classmethod
    def read(cls, path: str | Path, dialect_id: str | None = None) -> AgentFile:
        """Read and strictly decode a file (raises OSError or DecodeError)."""
        path = Path(path)
        return cls(decode(path.read_bytes()), path, dialect_id)

    @classmethod
    def from_text(
        cls, text: str, path: str | Path | None = None, dialect_id: str | None = None
    ) -> AgentFile:
        return cls(FileText(text), path or None, dialect_id)

    @classmethod
    def parsed_as(cls, doc: FileText, parsed: Parsed, path: str | Path | None = None) -> AgentFile:
        """A file whose text was already parsed (``parsed`` must be the parse of ``doc.text``)."""
        agent = cls(doc, path)
        agent._parsed = parsed
        return agent

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def parsed(self) -> Parsed:
        if self._parsed is None:
            self._parsed = parse(self.doc.text)
        return self._parsed

    @property
    def dialect(self) -> dialects.Dialect:
        if self._dialect is None:
            if self.dialect_id:
                self._dialect = dialects.get(self.dialect_id)
            else:
                keys = (f.key for f in self.parsed.fields)
                self._dialect = dialects.detect(self.path, keys)
        return self._dialect

    @property
    def claude(self) -> ClaudeVerdict:
        """Whether Claude Code can parse the frontmatter."""
        if self._claude is None:
            self._claude = claude_verdict(self.doc.text, self.parsed)
        return self._claude


def describe(agent: AgentFile) -> dict[str, Any]:
    """The parse of one file as plain data (fields, examples, outline)."""
    from . import examples, outline  # only ``agentquill show`` needs them: the app starts without

    parsed = agent.parsed
    fm = parsed.frontmatter
    description = parsed.value("description")
    ex = examples.parse(description) if isinstance(description, str) else None
    return {
        "file": str(agent.path),
        "dialect": agent.dialect.id,
        "frontmatter": "none" if fm is None else fm.tier,
        "error": str(fm.error) if fm is not None and fm.error else None,
        "claude_parses": agent.claude.parses,
        "fields": [
            {
                "key": f.key,
                "value": f.value,
                "style": f.style,
                "line": line_col(agent.text, f.key_span[0])[0],
            }
            for f in parsed.fields
        ],
        "examples": [dataclasses.asdict(p.example) for p in ex.examples] if ex else [],
        "outline": [_section_data(s) for s in outline.parse(parsed.body).sections],
    }


def _section_data(section: outline.Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "level": section.level,
        "kind": section.kind,
        "items": [_item_data(i) for i in section.items],
        "sections": [_section_data(s) for s in section.children],
    }


def _item_data(item: outline.Item) -> dict[str, Any]:
    children = [_item_data(c) for c in item.children]
    return {"title": item.title, "text": item.text, "children": children}
