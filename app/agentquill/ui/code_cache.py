"""The code Python compiles from text on every launch, compiled once and kept like ``.pyc``.

Two kinds, ~35 ms of the app's start-up that Python's own ``__pycache__`` never sees:

- ``import PySide6`` starts shiboken's signature support (``signature_bootstrap`` and the
  ``shibokensupport`` package: signatures, error messages, ``__feature__``), kept as source text
  in a zip embedded in the library and passed to ``compile()``. The modules run as PySide wrote
  them, all but its ``.pyi`` stub writer (``pyside6-genpyi``, with the ``argparse`` and
  ``logging`` it imports) when PySide imports them: PySide loads that only to publish it under
  ``PySide6.support``, so it runs on its first use instead.
- ``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``... as text and
  ``exec``\\ s it: ~0.3 ms a class, ~30 of them before the first frame.

:data:`STARTUP` answers both from one marshal file beside this module's ``.pyc`` files, keyed by
the text (and file name) and the Python version, and writes it again, with what this start
used, when a text was new. Like ``.pyc`` files, nothing is written under
``PYTHONDONTWRITEBYTECODE`` or where the package is read-only, and a missing, stale or
unreadable cache only means compiling as before. Should PySide or ``dataclasses`` stop
compiling text, nothing is asked of the cache.
"""

import builtins
import dataclasses
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType

#: the file names PySide compiles its embedded modules under
_EMBEDDED = ("signature_bootstrap.py", "shibokensupport/")
#: PySide's stub writer: run when one of its names is first looked up. (Not the modules that
#: build signatures and messages: shiboken's C code takes names from them as they load.)
_ON_FIRST_USE = (
    "shibokensupport/signature/lib/pyi_generator.py",
    "shibokensupport/signature/lib/enum_sig.py",
)
_STAND_IN = """
from {module} import run_on_first_use
__getattr__ = run_on_first_use(globals(), {filename!r})
"""
_waiting: dict[str, CodeType] = {}

#: (file name, text) -> its code
_Codes = dict[tuple[str, str | bytes], CodeType]


class CodeCache:
    """Compiled code by its text, read from and written to ``path``."""

    def __init__(self, path: Path):
        self.path = path
        self._saved, self._used = _read(path), {}
        self._fresh = False
        self._dataclasses_exec = None  # what ``dataclasses`` ran before ``compile_dataclasses``

    def code(self, source: str | bytes, filename: str) -> CodeType:
        """``compile(source, filename, "exec")`` for a caller that selects no ``__future__``
        feature (none is inherited from here)."""
        key = (filename, source)
        code = self._saved.get(key)
        if code is None:
            code, self._fresh = compile(source, filename, "exec", dont_inherit=True), True
        self._used[key] = code
        return code

    @contextmanager
    def compiling_pyside(self) -> Iterator[None]:
        """Within, ``compile`` answers PySide's embedded modules from the cache."""
        compile_ = builtins.compile

        def compile_support(source, filename, mode, *args, **kwargs):
            if args or kwargs or mode != "exec" or not str(filename).startswith(_EMBEDDED):
                return compile_(source, filename, mode, *args, **kwargs)
            code = self.code(source, filename)
            if filename not in _ON_FIRST_USE:
                return code
            _waiting[filename] = code
            stand_in = _STAND_IN.format(module=__name__, filename=filename)
            return compile_(stand_in, filename, mode, dont_inherit=True)

        builtins.compile = compile_support
        try:
            yield
        finally:
            builtins.compile = compile_

    def compile_dataclasses(self) -> None:
        """From now until :meth:`done`, the text ``@dataclass`` writes runs from the cache."""
        exec_ = self._dataclasses_exec = builtins.exec

        def exec_text(source, globals=None, locals=None, /, **kwargs):  # noqa: A002 - exec's
            if isinstance(source, str) and not kwargs:
                source = self.code(source, "<string>")
            return exec_(source, globals, locals, **kwargs)

        dataclasses.exec = exec_text  # a module global is found before the builtin

    def done(self) -> None:
        """``dataclasses`` compiles for itself again; the cache is written if it learnt code."""
        if self._dataclasses_exec is not None:
            del dataclasses.exec
            self._dataclasses_exec = None
        if self._fresh and not sys.dont_write_bytecode:
            _write(self.path, self._used)
        self._saved, self._used, self._fresh = {}, {}, False  # no longer asked


def run_on_first_use(namespace: dict, filename: str):
    """A module's ``__getattr__`` that runs the module's code when a name is first missing
    from it, then answers from what the code defined."""

    def run(name: str):
        del namespace["__getattr__"]
        exec(_waiting.pop(filename), namespace)
        try:
            return namespace[name]
        except KeyError:
            module = namespace["__name__"]
            raise AttributeError(f"module {module!r} has no attribute {name!r}") from None

    return run


def _read(path: Path) -> _Codes:
    try:
        codes = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def _write(path: Path, codes: _Codes) -> None:
    """Whole or not at all: another process may be starting from the same cache."""
    part = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(exist_ok=True)
        part.write_bytes(marshal.dumps(codes))
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)


#: the app's start-up: PySide's import, then the app's modules until the window is made
STARTUP = CodeCache(
    Path(__file__).with_name("__pycache__")
    / f"start-up.{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"
)
