"""The committed templates are real Word files, built from the profile, and up to date."""
import docx

from docgen.document.kinds import KINDS
from docgen.docx.inspect import margins_mm
from docgen.docx.template_builder import TEMPLATES_DIR, build_template
from docgen.rules.profile import load_profile


def test_committed_templates_are_what_the_builder_makes():
    built = build_template(load_profile())
    for kind in KINDS.values():
        assert (TEMPLATES_DIR / kind.template).read_bytes() == built, (
            f"{kind.template} is stale: run python -m docgen.faces.templates")


def test_builder_is_deterministic():
    assert build_template(load_profile()) == build_template(load_profile())


def test_template_opens_and_carries_the_profile_layout():
    profile = load_profile()
    for kind in KINDS.values():
        document = docx.Document(str(TEMPLATES_DIR / kind.template))
        page = margins_mm(document.sections[0])
        assert page["trai"] == profile.page.left_mm and page["rong"] == profile.page.width_mm
        styles = {s.name for s in document.styles}
        assert {"Nội dung", "Mục cấp 1", "Mục cấp 2", "Mục cấp 3", "Gạch đầu dòng", "Đoạn kết"} <= styles
        assert document.styles["Nội dung"].font.size.pt == profile.sizes.body
        text = "\n".join(p.text for p in document.paragraphs)
        assert "{{ trich_yeu }}" in text and "{%p for k in khoi %}" in text


def test_every_style_uses_times_new_roman_and_no_theme_font():
    from docx.oxml.ns import qn

    document = docx.Document(str(TEMPLATES_DIR / "ke-hoach.docx"))
    fonts = list(document.styles.element.iter(qn("w:rFonts")))
    assert fonts
    for element in fonts:
        assert not any(attr.endswith("Theme") for attr in element.attrib)
        assert element.get(qn("w:ascii")) == "Times New Roman"
