"""A command loads only what it uses: ``docgen --help`` starts without the Word, template and
model libraries (a warm ``render`` without docxtpl is checked in ``tests/test_cache.py``)."""
from __future__ import annotations

import json
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
