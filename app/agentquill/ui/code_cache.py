"""The code Python compiles from text on every launch, compiled once and kept like ``.pyc``.

Three kinds, ~45 ms of the app's start-up that Python's own ``__pycache__`` never sees:

- ``import PySide6`` starts shiboken's signature support (``signature_bootstrap`` and the
  ``shibokensupport`` package: signatures, error messages, ``__feature__``), kept as source text
  in a zip embedded in the library and passed to ``compile()``. The modules run as PySide wrote
  them, all but its ``.pyi`` stub writer (``pyside6-genpyi``, with the ``argparse`` and
  ``logging`` it imports) when PySide imports them: PySide loads that only to publish it under
  ``PySide6.support``, so it runs on its first use instead.
- ``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``... as text and
  ``exec``\\ s it: ~0.3 ms a class, ~30 of them before the first frame.
- ``re`` parses each pattern into a program for its matching engine (``_sre``): ~80 patterns
  before the first frame, ~12 ms, half of them PySide's own. The program is kept and handed to
  ``_sre`` again, which checks it as it does every program.

:data:`STARTUP` answers all three from one marshal file beside this module's ``.pyc`` files,
keyed by the text (and file name) and the Python version, and writes it again, with what this
start used, when a text was new. Like ``.pyc`` files, nothing is written under
``PYTHONDONTWRITEBYTECODE`` or where the package is read-only, and a missing, stale or
unreadable cache only means compiling as before. Should PySide, ``dataclasses`` or ``re``
stop compiling this way, nothing is asked of the cache.
"""

import builtins
import dataclasses
import marshal
import os
import re
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

#: the module ``re`` compiles patterns with (``sre_compile`` before Python 3.11)
_RE_COMPILER = getattr(re, "_compiler", None) or sys.modules.get("sre_compile")

#: (file name, text) -> its code; ("<re FLAGS>", pattern) -> the arguments of ``_sre.compile``
_Codes = dict[tuple[str, str | bytes], CodeType | tuple]


class CodeCache:
    """Compiled code by its text, read from and written to ``path``."""

    def __init__(self, path: Path):
        self.path = path
        self._saved, self._used = _read(path), {}
        self._fresh = False
        self._dataclasses_exec = None  # what ``dataclasses`` ran before ``compile_dataclasses``
        self._regex_compile = None  # what ``re`` compiled with before ``compile_regexes``

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

    def compile_regexes(self) -> None:
        """From now until :meth:`done`, a pattern ``re`` compiles comes from the cache."""
        sre = getattr(_RE_COMPILER, "_sre", None)
        if not callable(getattr(_RE_COMPILER, "compile", None)) or sre is None:
            return
        compile_ = self._regex_compile = _RE_COMPILER.compile

        def compile_pattern(pattern, flags=0):
            if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
                return compile_(pattern, flags)
            key = (f"<re {int(flags)}>", pattern)
            arguments = self._saved.get(key)
            compiled = None if arguments is None else _compiled(sre, arguments)
            if compiled is None:
                recorder = _RecordingSre(sre)
                _RE_COMPILER._sre = recorder
                try:
                    compiled = compile_(pattern, flags)
                finally:
                    _RE_COMPILER._sre = sre
                arguments, self._fresh = recorder.arguments, True
            self._used[key] = arguments
            return compiled

        _RE_COMPILER.compile = compile_pattern

    def done(self) -> None:
        """``dataclasses`` and ``re`` compile for themselves again; the cache is written if it
        learnt code."""
        if self._dataclasses_exec is not None:
            del dataclasses.exec
            self._dataclasses_exec = None
        if self._regex_compile is not None:
            _RE_COMPILER.compile = self._regex_compile
            self._regex_compile = None
        if self._fresh and not sys.dont_write_bytecode:
            _write(self.path, self._used)
        self._saved, self._used, self._fresh = {}, {}, False  # no longer asked


def _compiled(sre, arguments: tuple):
    """The pattern ``_sre`` makes of kept arguments, or None if it refuses them."""
    try:
        return sre.compile(*arguments)
    except (TypeError, ValueError, RuntimeError):
        return None


class _RecordingSre:
    """``_sre`` for one pattern's compile, keeping what its ``compile`` was given."""

    def __init__(self, sre):
        self._sre, self.arguments = sre, None

    def __getattr__(self, name: str):
        return getattr(self._sre, name)

    def compile(self, *arguments):
        self.arguments = _plain(arguments)
        return self._sre.compile(*arguments)


def _plain(value):
    """``value`` as marshal keeps it: the numbers in a program are named opcodes and the flags
    a ``re.RegexFlag`` (``int`` subclasses, which marshal refuses); the number is all."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


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
