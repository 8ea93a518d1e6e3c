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
