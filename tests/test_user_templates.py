"""Templates a user brings render in the Jinja sandbox: data yes, Python internals no."""
import docx

from tests.conftest import EXAMPLES


def _template(path, text: str):
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def test_user_template_renders_the_context(run_cli, tmp_path):
    template = _template(tmp_path / "mau.docx", "{{ so_ky_hieu }} — {{ trich_yeu }}")
    out = tmp_path / "ra.docx"
    result = run_cli("render", EXAMPLES[0], "--mau", template, "-o", out)
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Số ")


def test_user_template_cannot_reach_python_internals(run_cli, tmp_path):
    template = _template(tmp_path / "mau.docx", "{{ trich_yeu.__class__.__mro__ }}")
    out = tmp_path / "ra.docx"
    result = run_cli("render", EXAMPLES[0], "--mau", template, "-o", out)
    assert result.exit_code == 1 and "mẫu mau.docx lỗi" in result.output
    assert not out.exists()


def test_user_template_naming_a_missing_value_fails_loudly(run_cli, tmp_path):
    template = _template(tmp_path / "mau.docx", "{{ khong_co }}")
    result = run_cli("render", EXAMPLES[0], "--mau", template, "-o", tmp_path / "ra.docx")
    assert result.exit_code == 1 and "khong_co" in result.output


def test_a_user_template_that_loops_without_end_is_stopped(run_cli, tmp_path, monkeypatch):
    """Loops within loops pass the sandbox; the render runs in its own process and is stopped
    at the time limit (here 2 s), with a message and no file."""
    import time

    from docgen.render import renderer

    monkeypatch.setattr(renderer, "USER_TEMPLATE_SECONDS", 2)
    template = _template(tmp_path / "mau.docx",
                         "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}x")
    out = tmp_path / "ra.docx"
    started = time.monotonic()
    result = run_cli("render", EXAMPLES[0], "--mau", template, "-o", out)
    assert time.monotonic() - started < 20
    assert result.exit_code == 1 and "mẫu mau.docx chạy quá 2 giây" in result.output
    assert not out.exists()


def test_a_user_template_that_makes_a_huge_document_is_refused(run_cli, tmp_path):
    template = _template(tmp_path / "mau.docx", "{{ 'x' * 100000000 }}")
    out = tmp_path / "ra.docx"
    result = run_cli("render", EXAMPLES[0], "--mau", template, "-o", out)
    assert result.exit_code == 1, result.output
    assert "mẫu mau.docx" in result.output and ("quá lớn" in result.output or "bộ nhớ" in result.output)
    assert not out.exists()


def test_the_bundled_template_given_as_a_users_gives_the_same_bytes(run_cli, tmp_path):
    """Rendered in the separate, limited process, a template gives exactly what docgen's own path gives."""
    from docgen.document.kinds import KINDS
    from tests.conftest import ROOT, load_yaml

    source = EXAMPLES[0]
    template = ROOT / "templates" / "docx" / KINDS[load_yaml(source)["loai"]].template
    own, users = tmp_path / "own.docx", tmp_path / "users.docx"
    assert run_cli("render", source, "-o", own).exit_code == 0
    assert run_cli("render", source, "--mau", template, "-o", users).exit_code == 0
    assert own.read_bytes() == users.read_bytes()


def test_python_m_docgen_with_a_users_template_runs_once(tmp_path):
    """The render process is spawned; `python -m docgen` must not run the command again in it."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = tmp_path / "ra.docx"
    template = ROOT / "templates" / "docx" / "ke-hoach.docx"
    source = next(p for p in EXAMPLES if p.name.startswith("ke-hoach"))
    proc = subprocess.run([sys.executable, "-m", "docgen", "render", str(source), "--mau", str(template), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("đã tạo") == 1 and out.is_file()
