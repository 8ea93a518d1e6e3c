"""The examples of the six letter-like kinds (công văn, quyết định, kết luận, hướng dẫn, tờ trình,
thông báo) render through the CLI with the kind's code in the number line, the kind's layout, and
sentences of the real source documents word for word (sources in each file's header comment)."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"

CASES = {
    "cong-van-ky-niem-93-nam-ngay-truyen-thong-dan-van-bdvtw-2023.yaml": {
        "so": "Số 1608-CV/BDVTW", "ten_loai": None,
        "cau": [
            "Kính gửi: Ban Dân vận các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
            "Ban Dân vận Trung ương đề nghị Ban Dân vận các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương "
            "tham mưu cho cấp ủy chỉ đạo triển khai một số nội dung trọng tâm sau:",
            "2. Tổ chức sinh hoạt chính trị, tọa đàm, nghiên cứu, học tập về tác phẩm “Dân vận” của Chủ tịch Hồ Chí Minh.",
            "Tổ chức hội thi “Dân vận khéo” phù hợp với điều kiện thực tế của địa phương, đơn vị.",
        ]},
    "quyet-dinh-ngay-dan-van-ca-nuoc-bo-chinh-tri-1999.yaml": {
        "so": "Số 293-QĐ/TW", "ten_loai": "QUYẾT ĐỊNH",
        "cau": [
            "- Xét đề nghị của Ban Dân vận Trung ương (công văn số 277-CV/BDVTW ngày 14-10-1999),",
            "Lấy ngày 15 tháng 10 hàng năm làm ngày “Dân vận” của cả nước để cùng nhau học tập và thực hiện "
            "những lời Bác Hồ dạy về công tác dân vận.",
        ]},
    "ket-luan-hoi-nghi-lan-thu-bay-ket-cau-ha-tang-thua-thien-hue-2022.yaml": {
        "so": "Số 445-KL/TU", "ten_loai": "KẾT LUẬN",
        "cau": [
            "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh (khóa XVI) họp ngày 26/4/2022 đã thảo luận Tờ trình "
            "của Ban Thường vụ Tỉnh ủy, Báo cáo của Ban cán sự đảng UBND tỉnh và kết luận:",
            "Tuy vậy, hệ thống kết cấu hạ tầng của tỉnh vẫn chưa đáp ứng yêu cầu phát triển.",
            "Việc huy động nguồn lực phát triển kết cấu hạ tầng gặp khó khăn.",
        ]},
    "huong-dan-tuyen-truyen-ky-niem-85-nam-dan-van-bdvtw-2015.yaml": {
        "so": "Số 175-HD/BDVTW", "ten_loai": "HƯỚNG DẪN",
        "cau": [
            "Căn cứ Kế hoạch số 28-KH/BDVTW, ngày 06/6/2014 của Ban Dân vận Trung ương về triển khai các hoạt động "
            "hướng tới kỷ niệm 85 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - 15/10/2015)",
            "Ban Dân vận Trung ương ban hành Hướng dẫn tổ chức các hoạt động tuyên truyền như sau:",
            "- Góp phần đẩy mạnh các phong trào thi đua yêu nước, phong trào thi đua “Dân vận khéo”;",
        ]},
    "to-trinh-hoi-nghi-lan-thu-bay-ket-cau-ha-tang-thua-thien-hue-2022.yaml": {
        "so": "Số 430-TTr/TU", "ten_loai": "TỜ TRÌNH",
        "cau": [
            "Sau 10 năm thực hiện Nghị quyết 13-NQ/TU của Tỉnh ủy (khóa XIV), hệ thống kết cấu hạ tầng trên địa bàn "
            "tỉnh có bước phát triển nhanh.",
        ]},
    "thong-bao-ngay-dan-van-ca-nuoc-bo-chinh-tri-1999.yaml": {
        "so": "Số 293-TB/TW", "ten_loai": "THÔNG BÁO",
        "cau": [
            "Công tác dân vận là một công tác chiến lược, phải tiến hành thường xuyên trong mọi hoàn cảnh, trên mọi "
            "địa bàn, đối với mọi tầng lớp nhân dân các dân tộc.",
            "Bộ Chính trị giao cho Ban Dân vận Trung ương, Ban Tư tưởng - văn hóa Trung ương và các cơ quan liên quan "
            "hướng dẫn tổ chức thực hiện quyết định này.",
            "Văn phòng Trung ương xin thông báo để các đồng chí biết và thực hiện./.",
        ]},
}


def _header_lines(document) -> list[str]:
    """The paragraphs of the header's left cell (organisation, '*', number, and a công văn's V/v),
    a line break docgen placed between phrases read as a space."""
    return [" ".join(p.text.split()) for p in document.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]


def _body(document) -> list:
    return [p for p in document.paragraphs if p.text.strip()]


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_renders_with_kind_code_and_source_sentences(name, render_file):
    case = CASES[name]
    document, _ = render_file(EXAMPLES / name)
    lines = _header_lines(document)
    assert case["so"] in lines, lines
    body = _body(document)
    if case["ten_loai"] is not None:
        assert body[0].text == case["ten_loai"]
    text = _text(document)
    for sentence in case["cau"]:
        assert sentence in text, sentence


def test_cong_van_has_no_title_and_vv_under_the_number(render_file):
    document, _ = render_file(EXAMPLES / "cong-van-ky-niem-93-nam-ngay-truyen-thong-dan-van-bdvtw-2023.yaml")
    lines = _header_lines(document)
    number = lines.index("Số 1608-CV/BDVTW")
    assert lines[number + 1].startswith("V/v ")
    assert lines[number + 1] == "V/v hướng dẫn kỷ niệm 93 năm Ngày truyền thống công tác Dân vận của Đảng"
    body = _body(document)
    assert body[0].text.startswith("Kính gửi")
    titles = {"CÔNG VĂN", "QUYẾT ĐỊNH", "KẾT LUẬN", "HƯỚNG DẪN", "TỜ TRÌNH", "THÔNG BÁO"}
    assert not any(p.text.strip() in titles for p in body)


def test_quyet_dinh_has_decides_line_and_articles_in_order_with_bold_labels(render_file):
    document, _ = render_file(EXAMPLES / "quyet-dinh-ngay-dan-van-ca-nuoc-bo-chinh-tri-1999.yaml")
    body = _body(document)
    texts = [p.text for p in body]
    assert "QUYẾT ĐỊNH:" in texts
    decides = texts.index("QUYẾT ĐỊNH:")
    articles = [p for p in body[decides + 1:] if p.text.startswith("Điều ")]
    assert [p.text.split(".")[0] for p in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    for number, paragraph in enumerate(articles, start=1):
        label = f"Điều {number}."
        label_runs = []
        for run in paragraph.runs:
            label_runs.append(run)
            if "".join(r.text for r in label_runs).strip().startswith(label):
                break
        assert "".join(r.text for r in label_runs).strip().startswith(label)
        assert all(run.bold for run in label_runs if run.text.strip()), paragraph.text
    assert articles[1].text == ("Điều 2. Giao cho Ban Dân vận Trung ương, Ban Tư tưởng - văn hóa Trung ương và các "
                                "cơ quan liên quan hướng dẫn tổ chức thực hiện quyết định này.")
