from lxml import etree

from docgen.docx.inspect import order_problems

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_order_check_flags_children_out_of_sequence():
    bad = etree.fromstring(f'<w:p {W}><w:pPr><w:jc w:val="center"/><w:spacing w:after="0"/></w:pPr></w:p>')
    good = etree.fromstring(f'<w:p {W}><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr></w:p>')
    assert order_problems(bad) == ["w:pPr: jc spacing"]
    assert order_problems(good) == []


def test_order_check_flags_borders_after_table_look():
    bad = etree.fromstring(f'<w:tbl {W}><w:tblPr><w:tblLook w:val="04A0"/><w:tblBorders/></w:tblPr></w:tbl>')
    assert order_problems(bad) == ["w:tblPr: tblLook tblBorders"]


def test_paragraph_and_run_text_are_python_docx_s_without_its_xpath():
    """The linter reads a paragraph's and a run's text by walking the children (an XPath
    query per run was a tenth of `docgen lint`); the text is python-docx's, on every
    paragraph of every example and on every kind of run content."""
    import io

    from docx import Document
    from docx.oxml import parse_xml
    from docx.text.paragraph import Paragraph

    from docgen.document.load import load_document
    from docgen.docx.inspect import all_paragraphs, paragraph_text, run_text
    from docgen.render.renderer import render
    from tests.conftest import EXAMPLES

    seen = 0
    for example in EXAMPLES:
        document = Document(io.BytesIO(render(load_document(example))))
        for _where, paragraph in all_paragraphs(document):
            assert paragraph_text(paragraph) == paragraph.text, (example.name, paragraph.text)
            assert [run_text(run) for run in paragraph.runs] == [run.text for run in paragraph.runs]
            seen += 1
    assert seen > 1000
    mixed = parse_xml(
        f'<w:p {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<w:r><w:t>a</w:t><w:tab/><w:br/><w:t xml:space="preserve"> b </w:t><w:br w:type="page"/>'
        '<w:br w:type="column"/><w:br w:type="textWrapping"/><w:cr/><w:noBreakHyphen/><w:ptab w:relativeTo="margin" '
        'w:alignment="left" w:leader="none"/><w:t/><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'
        '<w:hyperlink r:id="rId1"><w:r><w:t>liên kết</w:t></w:r><w:r><w:tab/></w:r></w:hyperlink>'
        '<w:ins><w:r><w:t>chèn</w:t></w:r></w:ins><w:r/></w:p>')
    paragraph = Paragraph(mixed, None)
    assert paragraph_text(paragraph) == paragraph.text == "a\t\n b \n\n-\tliên kết\t"
    assert [run_text(run) for run in paragraph.runs] == [run.text for run in paragraph.runs]


def test_a_view_reads_each_run_look_as_a_fresh_reading_does():
    """A view remembers the look of runs formatted alike (by their properties' XML); each look
    is the one read afresh, run by run, on every example and on a run mended to look otherwise."""
    import io

    from docx import Document

    from docgen.document.load import load_document
    from docgen.docx.inspect import run_look
    from docgen.docx.view import DocumentView
    from docgen.render.renderer import render
    from tests.conftest import EXAMPLES

    for example in EXAMPLES[:6]:
        document = Document(io.BytesIO(render(load_document(example))))
        view = DocumentView(document)
        for line in view.lines:
            fresh = [run_look(document, line.paragraph, run) for run in line.paragraph.runs if run.text.strip()]
            assert view.looks(line.paragraph) == fresh, (example.name, line.text)
    line = next(line for line in view.lines if line.paragraph.runs and not line.paragraph.runs[0].bold)
    line.paragraph.runs[0].bold = True
    line.paragraph.runs[0].font.size = 127000   # 10 pt
    again = DocumentView(document)
    assert again.looks(line.paragraph)[0].bold and again.looks(line.paragraph)[0].size == 10
