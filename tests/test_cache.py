"""What docgen keeps between runs (``docgen.input.cache``) changes how fast a command starts,
never what it makes: the same bytes with the cache cold, warm or off; a warm ``render`` does
not open the template with docxtpl; a folder others could write to is not used."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from docgen.input import cache
from tests.conftest import ROOT

EXAMPLE = ROOT / "data" / "examples" / "bao-cao-tong-ket-phoi-hop-bdvtw-bca-tcct-2022.yaml"

# `docgen render` in a new process; prints which heavy libraries it imported
RENDER = """
import json, sys
from docgen.faces.cli import cli
cli(["render", sys.argv[1], "-o", sys.argv[2]], standalone_mode=False)
print(json.dumps({name: name in sys.modules for name in ("docxtpl", "docx", "ruamel.yaml")}))
"""


def _render(tmp_path, folder: str, name: str) -> tuple[bytes, dict]:
    out = tmp_path / f"{name}.docx"
    env = {**os.environ, "DOCGEN_CACHE": folder}
    done = subprocess.run([sys.executable, "-c", RENDER, str(EXAMPLE), str(out)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    return out.read_bytes(), json.loads(done.stdout.strip().splitlines()[-1])


def test_cold_warm_and_off_give_the_same_bytes_and_warm_needs_no_docxtpl(tmp_path):
    folder = tmp_path / "cache"
    cold, cold_imports = _render(tmp_path, str(folder), "cold")
    kept = sorted(p.name.split("-")[0] for p in folder.iterdir())
    assert kept == ["du", "mau"], kept   # the organisation list as read, the prepared template
    warm, warm_imports = _render(tmp_path, str(folder), "warm")
    off, off_imports = _render(tmp_path, "0", "off")
    assert cold == warm == off
    assert cold_imports["docxtpl"] and off_imports["docxtpl"]
    assert not warm_imports["docxtpl"] and not warm_imports["docx"], warm_imports
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_a_folder_others_may_write_to_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("DOCGEN_CACHE", str(shared))
    monkeypatch.setattr(cache, "_FOLDER", [])
    assert cache.folder() is None
    cache.write("x", "y", {"a": 1})
    assert list(shared.iterdir()) == []
    assert cache.read("x", "y") is None


def test_an_entry_is_found_by_all_it_was_made_from(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path / "c"))
    monkeypatch.setattr(cache, "_FOLDER", [])
    name = cache.key("mẫu", b"\x00bytes")
    cache.write("thu", name, ("văn bản", [1, 2.5, None], {"a": b"b"}))
    assert cache.read("thu", name) == ("văn bản", [1, 2.5, None], {"a": b"b"})
    assert cache.key("mẫu", b"\x00bytes") == name and cache.key("mẫu", b"\x00other") != name
    (tmp_path / "c" / f"thu-{name}").write_bytes(b"\xff not marshal")
    assert cache.read("thu", name) is None   # a damaged entry is a miss, never an error


def test_a_users_template_is_not_kept(tmp_path):
    own = tmp_path / "mau-rieng.docx"
    own.write_bytes((ROOT / "templates" / "docx" / "bao-cao.docx").read_bytes())
    folder = tmp_path / "cache"
    env = {**os.environ, "DOCGEN_CACHE": str(folder)}
    done = subprocess.run([sys.executable, "-c", "from docgen.faces.cli import main; main()", "render", str(EXAMPLE),
                           "--mau", str(own), "-o", str(tmp_path / "x.docx")], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.docx").is_file()
    assert not any(p.name.startswith("mau-") for p in folder.iterdir())
