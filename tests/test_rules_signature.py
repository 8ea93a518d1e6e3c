from docgen.rules.signature import archive_line, recipient_line, signature_lines, signature_problems, upper

ALLOWED = ("T/M", "K/T", "T/L", "T/U", "Q.")


def test_recipient_lines_get_dash_role_and_comma_once():
    assert recipient_line("Ban Dân vận Trung ương", "b/c", ",") == "- Ban Dân vận Trung ương (b/c),"
    assert recipient_line("- Công an tỉnh;", None, ",") == "- Công an tỉnh,"
    assert recipient_line("Thường trực Tỉnh ủy (b/c).", "b/c", ",") == "- Thường trực Tỉnh ủy (b/c),"
    assert recipient_line("Các đảng ủy", "(t/h)", ",") == "- Các đảng ủy (t/h),"


def test_archive_line_has_no_colon_and_ends_with_full_stop():
    assert archive_line("Văn phòng Ban", "Lưu", ".") == "- Lưu Văn phòng Ban."
    assert archive_line("Lưu: VT, Văn phòng Ban,", "Lưu", ".") == "- Lưu VT, Văn phòng Ban."


def test_archive_line_gives_the_profile_prefix_whichever_form_was_typed():
    assert archive_line("Lưu VT", "Lưu:", ".") == "- Lưu: VT."
    assert archive_line("Lưu: VT, Văn phòng Ban", "Lưu:", ".") == "- Lưu: VT, Văn phòng Ban."
    assert archive_line("VT", "Lưu:", ".") == "- Lưu: VT."


def test_signature_lines_in_capitals():
    lines = signature_lines("T/M", "Ban Thường vụ", "Phó Bí thư", "Nguyễn Văn A")
    assert (lines.authority, lines.position, lines.name) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn A")
    assert signature_lines(None, None, "Trưởng ban", "X").authority is None
    assert signature_lines("Q.", None, "Trưởng ban", "X").position == "Q. TRƯỞNG BAN"


def test_upper_handles_vietnamese():
    assert upper("tỉnh ủy bình phước") == "TỈNH ỦY BÌNH PHƯỚC"


def test_state_forms_are_refused_with_the_party_form():
    (severity, field, message), = signature_problems("TM.", "BAN THƯỜNG VỤ", None, ALLOWED)
    assert severity == "loi" and field == "tham_quyen" and "'T/M'" in message


def test_committee_deputy_signs_on_behalf_not_instead():
    found = signature_problems("K/T", "BÍ THƯ", "cap-uy", ALLOWED)
    assert [f[0] for f in found] == ["loi"]
    assert signature_problems("T/M", "BAN THƯỜNG VỤ", "cap-uy", ALLOWED) == []


def test_advisory_body_signing_on_behalf_is_a_warning():
    assert [f[0] for f in signature_problems("T/M", "BAN", "tham-muu", ALLOWED)] == ["canh_bao"]
    assert signature_problems("K/T", "TRƯỞNG BAN", "tham-muu", ALLOWED) == []
    assert signature_problems(None, None, "tham-muu", ALLOWED) == []


def test_form_needs_its_principal():
    assert [f[1] for f in signature_problems("K/T", None, None, ALLOWED)] == ["thay_cho"]
    assert [f[1] for f in signature_problems(None, "TRƯỞNG BAN", None, ALLOWED)] == ["thay_cho"]
