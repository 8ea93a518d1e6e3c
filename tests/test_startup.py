"""A command loads only what it uses: ``docgen --help`` starts without the Word, template and
model libraries (a warm ``render`` without docxtpl is checked in ``tests/test_cache.py``)."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

HELP = """
import json, sys
from docgen.faces.cli import cli
try:
    cli(["--help"])
except SystemExit:
    pass
print(json.dumps({name: name in sys.modules for name in ("docx", "docxtpl", "pydantic", "jinja2", "ruamel.yaml")}))
"""


def test_help_loads_no_word_template_or_model_library():
    done = subprocess.run([sys.executable, "-c", HELP], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "docgen" in done.stdout
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert not any(loaded.values()), loaded


CHECK = """
import json, sys
from docgen.faces.cli import cli
try:
    cli(["check", sys.argv[1]])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "ruamel": "ruamel.yaml" in sys.modules}))
"""


def test_a_right_file_is_checked_without_the_positioned_reader(tmp_path):
    """ruamel (the reader that knows lines and columns) is imported only for a file that needs
    it: a right data file is checked without it; a wrong one is read with it, to say where."""
    from tests.conftest import EXAMPLES

    right = EXAMPLES[0]
    wrong = tmp_path / "sai.yaml"
    wrong.write_text(right.read_text(encoding="utf-8") + "loai: ke-hoach\n", encoding="utf-8")   # a repeated key
    for path, ruamel in ((right, False), (wrong, True)):
        done = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True, text=True, timeout=60)
        found = json.loads(done.stdout.strip().splitlines()[-1])
        assert found == {"code": 0 if not ruamel else 2, "ruamel": ruamel}, (path, found, done.stdout, done.stderr)


RENDER = """
import json, sys
from docgen.faces.cli import cli
try:
    cli(["render", sys.argv[1], "-o", sys.argv[2]])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "loaded": sorted(name for name in sys.argv[3].split() if name in sys.modules)}))
"""
OTHER_KINDS = "docgen.model.van_ban docgen.model.chuong_trinh docgen.model.thong_bao"


def test_one_render_imports_only_what_its_document_needs(tmp_path):
    """A plan's render (the prepared template cached, as from the second render on) imports
    its own kind's model, not the other kinds'; no lxml (the core properties are written as
    text) and no babel (the plan prints no figure)."""
    from tests.conftest import ROOT

    plan = ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
    out = tmp_path / "ke-hoach.docx"
    watched = f"{OTHER_KINDS} lxml babel docgen.model.ke_hoach"
    env = {**os.environ, "DOCGEN_CACHE": str(tmp_path / "cache")}
    for _run in ("cold cache", "warm cache"):
        done = subprocess.run([sys.executable, "-c", RENDER, str(plan), str(out), watched],
                              capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
        found = json.loads(done.stdout.strip().splitlines()[-1])
        assert found["code"] == 0, done.stderr
    assert found == {"code": 0, "loaded": ["docgen.model.ke_hoach"]}, (found, done.stderr)
    assert out.stat().st_size > 0


MAIN = """
import atexit, gc, sys
atexit.register(lambda: print(repr({"collecting": gc.isenabled(), "frozen": gc.get_freeze_count(),
                                    "left": len(gc.get_objects()),
                                    "loaded": sorted(n for n in sys.argv[1].split() if n in sys.modules)})))
sys.argv = ["docgen", *sys.argv[2:]]
from docgen.faces.cli import main
main()
"""
# (json and difflib: for JSON files and "did you mean" messages only)
NOT_FOR_CHECK = "jinja2 docxtpl docx lxml docgen.render.renderer docgen.register sqlite3 tempfile json difflib"


def _main(tmp_path, *args):
    done = subprocess.run([sys.executable, "-c", MAIN, NOT_FOR_CHECK, *args], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    return done.returncode, ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_a_one_file_check_starts_without_the_collector_and_the_renderer(tmp_path):
    """`docgen check` of one file runs with the garbage collector paused (start-up makes only
    objects that live as long as the process) and imports nothing of rendering, Word or the
    register (nor json and difflib, which a right YAML file does not need); with several files the collector is on again. Either way the objects left at exit
    are frozen, out of the interpreter's last collection."""
    from tests.conftest import EXAMPLES

    code, one = _main(tmp_path, "check", str(EXAMPLES[0]))
    assert code == 0
    assert not one["collecting"]
    assert one["loaded"] == []
    code, several = _main(tmp_path, "check", str(EXAMPLES[0]), str(EXAMPLES[1]))
    assert code == 0
    assert several["collecting"]
    for found in (one, several):
        assert found["frozen"] > 50 * found["left"], found


def test_a_long_running_command_collects_garbage(tmp_path):
    """`docgen build` (it may run over thousands of files) turns the collector back on."""
    import shutil

    from tests.conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "danh-muc", data / "danh-muc")
    shutil.copy(ROOT / "data" / "to-chuc.yaml", data)
    shutil.copy(ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml", data)
    code, found = _main(tmp_path, "build", str(data), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 0
    assert found["collecting"]
    assert found["frozen"] > 50 * found["left"], found
    assert (tmp_path / "out" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.docx").stat().st_size > 0
