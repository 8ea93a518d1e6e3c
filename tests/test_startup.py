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
