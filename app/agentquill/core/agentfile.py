"""One agent file as the core sees it: decoded text, parsed frontmatter, dialect."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import dialects
from .frontmatter import Parsed, parse
from .recovery import ClaudeVerdict, claude_verdict
from .text import Document, decode


@dataclass
class AgentFile:
    """Text, its parse and its dialect. Cheap to rebuild after every edit."""

    doc: Document
    path: str | Path | None = None  # kept as given: building a Path per file costs
    dialect_id: str | None = None  # forced dialect; detected from path and keys when None

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

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def parsed(self) -> Parsed:
        return parse(self.doc.text)

    @cached_property
    def dialect(self) -> dialects.Dialect:
        if self.dialect_id:
            return dialects.get(self.dialect_id)
        return dialects.detect(self.path, (f.key for f in self.parsed.fields))

    @cached_property
    def claude(self) -> ClaudeVerdict:
        """Whether Claude Code can parse the frontmatter."""
        return claude_verdict(self.doc.text, self.parsed)
