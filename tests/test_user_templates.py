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
