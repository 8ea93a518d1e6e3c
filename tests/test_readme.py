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
