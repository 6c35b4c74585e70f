"""What start-up compiles from text is compiled once and kept (``ui.code_cache``): PySide's
embedded support modules (its ``.pyi`` stub writer runs on first use), the methods
``@dataclass`` writes and the programs ``re`` makes of patterns. Each case is a fresh process:
PySide imports once."""

from __future__ import annotations

import marshal
import os
import re

from support import ROOT, run_python

DRIVER = """
import builtins, importlib.util, json, re, sys
from pathlib import Path

compiled = []  # what reaches the real compile: PySide's loader, dataclass methods, patterns
compile_ = builtins.compile


def counting(source, filename, *args, **kwargs):
    if filename in ("shibokensupport/signature/loader.py", "<string>"):
        compiled.append(filename)
    return compile_(source, filename, *args, **kwargs)


builtins.compile = counting
spec = importlib.util.spec_from_file_location("code_cache", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules["code_cache"] = module  # the stub writer's stand-in imports it by name
spec.loader.exec_module(module)
re_compiler = getattr(re, "_compiler", None) or sys.modules["sre_compile"]
compile_pattern = re_compiler.compile


def counting_patterns(pattern, flags=0):
    compiled.append("<re>")
    return compile_pattern(pattern, flags)


re_compiler.compile = counting_patterns
cache = module.CodeCache(Path(sys.argv[2]))
cache.compile_regexes()
with cache.compiling_pyside():
    from PySide6.QtWidgets import QApplication, QWidget
stub_writer_loaded = "argparse" in sys.modules
cache.compile_dataclasses()
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    x: int
    y: list = field(default_factory=list)


setting = re.compile(rb"(?P<key>[a-z]+)\\s*=\\s*(\\d+)", re.IGNORECASE)
cache.done()
re_compiler.compile = compile_pattern  # what compiles after start-up is not counted
assert Point(1) == Point(1, []) and repr(Point(2)) == "Point(x=2, y=[])" and hash(Point(3, ()))
assert setting.match(b"Turns = 12").group("key", 2) == (b"Turns", b"12")

app = QApplication([])
try:
    QWidget().setWindowTitle(3)
except TypeError as error:
    message = str(error)
from PySide6.support.signature.lib import pyi_generator

written = callable(pyi_generator.generate_pyi)
message += QWidget.setWindowTitle.__doc__
print(json.dumps([compiled, stub_writer_loaded, message, written]))
"""


def start(tmp_path, write=True):
    """Import PySide and make a dataclass under the cache at ``tmp_path / "start-up.marshal"``:
    the file names of what was compiled (``<string>``: a dataclass method), whether the stub
    writer loaded with PySide, a wrong call's message and a method's ``__doc__``, and whether
    the stub writer works when used."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    module = ROOT / "app" / "agentquill" / "ui" / "code_cache.py"
    return run_python(DRIVER, str(module), str(tmp_path / "start-up.marshal"), env=env)


def test_the_second_start_compiles_nothing(tmp_path):
    first = start(tmp_path)
    stamp = (tmp_path / "start-up.marshal").stat().st_mtime_ns
    second = start(tmp_path)
    assert first[0].count("shibokensupport/signature/loader.py") == 1
    assert "<string>" in first[0]  # Point's methods
    assert first[0].count("<re>") > 5  # PySide's patterns, and the driver's
    assert second[0] == []
    assert (tmp_path / "start-up.marshal").stat().st_mtime_ns == stamp  # nothing new to write


def test_pyside_works_as_before(tmp_path):
    start(tmp_path)
    _, stub_writer_loaded, message, stub_writer_works = start(tmp_path)
    assert "Supported signatures:" in message and "setWindowTitle(arg__1: str, /)" in message
    assert "setWindowTitle(self, arg__1: str, /) -> None" in message  # its __doc__
    assert not stub_writer_loaded
    assert stub_writer_works


def test_an_unreadable_cache_is_compiled_anew(tmp_path):
    (tmp_path / "start-up.marshal").write_bytes(b"not marshal data")
    assert start(tmp_path)[0]
    assert start(tmp_path)[0] == []


def test_no_cache_is_written_when_bytecode_is_not(tmp_path):
    assert start(tmp_path, write=False)[0]
    assert not (tmp_path / "start-up.marshal").exists()


def kept_patterns(path) -> dict:
    kept = marshal.loads(path.read_bytes())
    return {key: value for key, value in kept.items() if key[0].startswith("<re")}


def test_a_kept_program_makes_the_pattern_re_makes(tmp_path):
    """``Pattern.__eq__`` compares the flags, the pattern and the whole program."""
    start(tmp_path)
    kept = kept_patterns(tmp_path / "start-up.marshal")
    assert len(kept) > 5
    compiler = getattr(re, "_compiler", None) or __import__("sre_compile")
    for (flags, pattern), arguments in kept.items():
        made = compiler.compile(pattern, int(flags.removeprefix("<re ").removesuffix(">")))
        assert compiler._sre.compile(*arguments) == made, pattern


def test_a_program_re_refuses_is_compiled_anew(tmp_path):
    start(tmp_path)
    cache = tmp_path / "start-up.marshal"
    codes = marshal.loads(cache.read_bytes())
    key = next(key for key in codes if key[1] == rb"(?P<key>[a-z]+)\s*=\s*(\d+)")
    pattern, flags, program, *rest = codes[key]
    codes[key] = (pattern, flags, [len(program), *program[1:]], *rest)  # not a program
    cache.write_bytes(marshal.dumps(codes))
    assert start(tmp_path)[0] == ["<re>"]  # and the driver's match works
    assert start(tmp_path)[0] == []
