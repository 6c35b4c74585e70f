"""One agent file as the core sees it: decoded text, parsed frontmatter, dialect."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import dialects
from .frontmatter import ClaudeVerdict, Parsed, claude_verdict, parse
from .text import Document, decode


@dataclass
class AgentFile:
    """Text, its parse and its dialect, each worked out on first use. Cheap to rebuild."""

    doc: Document
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
        return cls(Document(text), path or None, dialect_id)

    @classmethod
    def parsed_as(cls, doc: Document, parsed: Parsed, path: str | Path | None = None) -> AgentFile:
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
