"""The README's two commands are the ones that work, and CI runs the second."""
import re

from docgen.document.kinds import KINDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_opens_with_render_then_test_commands():
    first, second = _commands()[:2]
    assert first.endswith("docgen render data/examples/*.yaml")
    assert second.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_every_top_level_data_key_of_every_kind_is_documented():
    for kind in KINDS.values():
        assert f"`{kind.slug}`" in README, kind.slug
        for name, field in kind.model.model_fields.items():
            assert f"`{field.alias or name}`" in README, (kind.slug, field.alias)


def test_the_readme_example_of_each_numbering_level_prints_what_its_comments_say(tmp_path, run_cli):
    """The levels example (I. / 1. / a) / - / + / a numbered paragraph) is put into a plan and
    rendered: each printed line is the one its comment shows, in that order, in the level's style."""
    import json

    import docx
    from ruamel.yaml import YAML

    from tests.conftest import load_yaml

    block = README.split("Mỗi cấp, từ dữ liệu đến trang in:\n\n```yaml\n")[1].split("```")[0]
    shown = [(text.replace("...", "").strip(), style) for text, style in
             re.findall(r"# → (.+?)\s{2,}\((cấp \d|gạch đầu dòng|ý con|đoạn đánh số cấp 3)", block)]
    assert len(shown) == 6
    data = load_yaml(ROOT / "docgen" / "starters" / "ke-hoach.yaml")
    data["noi_dung"] = YAML(typ="safe").load(block)["noi_dung"]
    source = tmp_path / "cap.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("render", source, "-o", tmp_path / "cap.docx")
    assert result.exit_code == 0, result.output
    printed = [p for p in docx.Document(str(tmp_path / "cap.docx")).paragraphs if p.text.strip()]
    styles = {"cấp 1": "Mục cấp 1", "cấp 2": "Mục cấp 2", "cấp 3": "Mục cấp 3", "gạch đầu dòng": "Gạch đầu dòng",
              "ý con": "Gạch đầu dòng", "đoạn đánh số cấp 3": "Nội dung"}
    at = 0
    for text, level in shown:
        at = next(i for i in range(at, len(printed)) if printed[i].text.startswith(text))
        assert printed[at].style.name == styles[level], (text, printed[at].style.name)
