"""The examples written from the seed articles say every figure, name and citation as the article does.

- ``bao-cao-dan-van-he-thong-chinh-tri-loc-ninh-2023.yaml``: the Lộc Ninh report (../shared/seeds/001),
  done under Quyết định 23-QĐ/TW, with 290-QĐ/TW only as history.
- ``bao-cao-tong-ket-phoi-hop-bdvtw-bca-tcct-2022.yaml`` and
  ``thong-bao-ket-luan-hoi-nghi-tong-ket-bdvtw-bca-tcct-2022.yaml``: the 2022 tổng kết of the central
  Ban Dân vận's programmes with the Bộ Công an and the Tổng cục Chính trị, and the conclusions of that
  conference (../shared/seeds/002).

Each document is rendered through the real CLI and read back: every figure listed here is printed
exactly as typed (a rounded figure stays rounded, "gần", "trên", "hơn" only where the article writes
them), and the same words are in the article (copied to tests/seeds).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import docx
import pytest
import yaml

from tests.conftest import CATALOGS, ORGANISATIONS, ROOT

SEEDS = ROOT / "tests" / "seeds"                  # copies of the articles, so CI compares too
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"   # the originals, where the reference material is
EXAMPLES = ROOT / "data" / "examples"
LOC_NINH = EXAMPLES / "bao-cao-dan-van-he-thong-chinh-tri-loc-ninh-2023.yaml"
TW_REPORT = EXAMPLES / "bao-cao-tong-ket-phoi-hop-bdvtw-bca-tcct-2022.yaml"
TW_NOTICE = EXAMPLES / "thong-bao-ket-luan-hoi-nghi-tong-ket-bdvtw-bca-tcct-2022.yaml"

# Phrases as the article writes them (whitespace aside) and as the document must print them.
FIGURES: dict[Path, tuple[str, list[str]]] = {
    LOC_NINH: ("001", [
        "151 hộ gia đình có đơn xin tự nguyện thoát nghèo",
        "Chương trình Khát vọng thoát nghèo năm 2021",
        "giảm được 385 hộ nghèo",
        "cuối năm 2022 giảm 294 hộ (144 hộ dân tộc thiểu số)",
        "đầu năm 2023 còn 230 hộ nghèo, chiếm 0,70%",
        "trăm tấn rau, củ quả, hàng chục tỉ đồng",
        "giai đoạn 2021-2022",
        "Thông điệp 9K",
        "gian hàng 0 đồng",
        "Năm 2022, theo Quyết định số 507-QĐ/HU của Ban Thường vụ Huyện ủy",
        "di dời được 910/910 chuồng/4.578 con trâu, bò trên địa bàn 14/14/16 xã, thị trấn, đạt 100% kế hoạch",
        "thu hút hàng trăm người dự thi",
        "trao tặng 07 Công trình tăng gia, sản xuất",
        "Đại đội Bộ binh 31",
        "với tổng kinh phí hơn 843 triệu đồng từ nguồn xã hội hóa",
        "(lãnh đạo huyện vận động 350 triệu đồng, các đoàn thể huyện và các xã vận động hơn 490 triệu đồng)",
        "Sư đoàn Bộ binh 302/Quân khu 7",
        "hàng ngàn phần quà, hàng trăm thẻ bảo hiểm y tế",
        "Trị giá các hoạt động mỗi năm từ 450-500 triệu đồng, từ 2018 đến nay",
        "Quyết định số 290-QĐ/TW",
        "ngày 25/02/2010",
        "Nghị quyết số 25-NQ/TW",
        "ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng",
        "Quyết định số 23-QĐ/TW",
        "ngày 30/7/2021 của Bộ Chính trị",
        "(thay thế Quyết định số 290-QĐ/TW của Bộ Chính trị)",
    ]),
    TW_REPORT: ("002", [
        "giai đoạn 2022 - 2026",
        "227 dịch vụ công trực tuyến",
        "tháng 9/2022",
        "11 dịch vụ công trực tuyến",
        "(1) Cấp, cấp lại, sửa đổi, bổ sung hộ chiếu phổ thông",
        "(11) Cấp đổi, cấp lại giấy phép lái xe",
        "3 chương trình mục tiêu quốc gia",
        "giai đoạn 2021 - 2025 và năm 2022",
        "hơn 950.000 ngày công",
        "hơn 900 km đường nông thôn",
        "hơn 3.000ha hoa, màu",
        "gần 900 trường học",
        "3.582 cháu học sinh nghèo",
        "359 con nuôi đồn biên phòng",
        "400 máy tính bảng, 30 bộ máy tính bàn",
        "trị giá trên 7 tỷ đồng",
        "130 lớp tình thương, xóa mù chữ cho gần 3.000 người",
        "hơn 1.500.000 đối tượng/20 tỷ đồng",
        "hỗ trợ 10.000 quân nhân có hoàn cảnh đặc biệt khó khăn hơn 15 tỷ đồng",
        "3.400 nhà đồng đội, nhà cho người nghèo, nhà đại đoàn kết trị giá 250 tỷ đồng",
        "hơn 30.000 lượt cán bộ, chiến sĩ và trên 1.000 phương tiện",
        "hàng trăm đợt phát động phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ thống chính trị",
        "Chỉ thị số 33/CT-TTg",
        "ngày 26/11/2021",
        "Phạm Tất Thắng",
    ]),
    TW_NOTICE: ("002", [
        "Phạm Tất Thắng",
        "Ủy viên Trung ương Đảng, Phó Trưởng Ban Thường trực Ban Dân vận Trung ương",
        "Thiếu tướng Nguyễn Văn Gấu, Ủy viên Trung ương Đảng, Phó Chủ nhiệm Tổng cục Chính trị Quân đội nhân dân Việt Nam",
        "Đại tá Nguyễn Thế Chi, Phó Cục trưởng V05, Bộ Công an",
        "là một nhiệm vụ trọng tâm, luôn được Ban Dân vận Trung ương coi trọng",
        "Từ kết quả hoạt động thực tiễn những năm qua cho thấy, Chương trình phối hợp là một chủ trương đúng đắn, "
        "đổi mới phương thức phù hợp để thực hiện tốt công tác dân vận của hệ thống chính trị, góp phần quan trọng "
        "cho sự nghiệp xây dựng và bảo vệ Tổ quốc, xây dựng Đảng, hệ thống chính trị trong sạch, vững mạnh.",
        "kế hoạch công tác dân vận của Ban Dân vận Trung ương và của ngành Dân vận trong năm 2023",
        "Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ thống chính trị",
        "Chỉ thị số 33/CT-TTg",
        "ngày 26/11/2021",
        "Tổ chức đoàn liên ngành gồm Ban Dân vận Trung ương, Bộ Công an",
        "kiểm tra việc thực hiện Chương trình phối hợp tại một số địa phương, đơn vị",
        "Giao Ban Dân vận Trung ương chủ trì, phối hợp với các bên",
    ]),
}

# Figures in the body that the article does not have: placeholders said in the file's header comment.
PLACEHOLDER_FIGURES: dict[Path, set[str]] = {
    LOC_NINH: set(),
    TW_REPORT: set(),
    TW_NOTICE: {"16/12/2022"},   # the conference's date: the article gives none
}

NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
ROUNDED = re.compile(r"\b(?:gần|trên|hơn)\s+\d+(?:[.,/]\d+)*(?:\s*\w+)?")
OUTLINE_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+)\.\s")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _seed(number: str) -> str:
    """Returns the article's text (from the copy in tests/seeds)."""
    (found,) = sorted(SEEDS.glob(f"{number}_*.txt"))
    return _norm(found.read_text(encoding="utf-8"))


@pytest.mark.parametrize("number", ["001", "002"])
def test_the_copied_articles_are_the_seeds(number):
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds không có ở đây")
    (copy,) = sorted(SEEDS.glob(f"{number}_*.txt"))
    assert copy.read_bytes() == (SHARED_SEEDS / copy.name).read_bytes()


def _body(document) -> list[str]:
    """The paragraphs of the document's body (not the header, signature or Nơi nhận tables)."""
    return [_norm(p.text) for p in document.paragraphs]


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return _norm("\n".join(parts))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Renders each new example once through the CLI: {path: (Document, CLI output, .docx path)}."""
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    out_dir = tmp_path_factory.mktemp("seed-examples")
    documents = {}
    for path in FIGURES:
        out = out_dir / f"{path.stem}.docx"
        result = CliRunner().invoke(cli, ["render", str(path), "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        documents[path] = (docx.Document(str(out)), result.output, out)
    return documents


@pytest.mark.parametrize("path", list(FIGURES), ids=lambda p: p.stem)
def test_checks_clean_without_a_warning(path, run_cli):
    result = run_cli("check", path)
    assert result.exit_code == 0, result.output
    assert "hợp lệ" in result.output and "cảnh báo" not in result.output and "lỗi" not in result.output, result.output


@pytest.mark.parametrize("path", list(FIGURES), ids=lambda p: p.stem)
def test_renders_and_lints_clean(path, rendered, run_cli):
    _, output, out = rendered[path]
    assert "cảnh báo" not in output, output
    result = run_cli("lint", out, "--danh-muc", CATALOGS)
    assert result.exit_code == 0 and result.output.strip().endswith("0 lỗi, 0 cảnh báo"), result.output


@pytest.mark.parametrize("path", list(FIGURES), ids=lambda p: p.stem)
def test_every_figure_is_printed_as_typed(path, rendered):
    text = _all_text(rendered[path][0])
    missing = [phrase for phrase in FIGURES[path][1] if _norm(phrase) not in text]
    assert missing == [], missing


@pytest.mark.parametrize("path", list(FIGURES), ids=lambda p: p.stem)
def test_every_figure_is_the_articles(path):
    seed = _seed(FIGURES[path][0])
    missing = [phrase for phrase in FIGURES[path][1] if _norm(phrase) not in seed]
    assert missing == [], missing


@pytest.mark.parametrize("path", list(FIGURES), ids=lambda p: p.stem)
def test_rounded_only_where_the_article_rounds(path, rendered):
    seed = _seed(FIGURES[path][0])
    text = "\n".join(_body(rendered[path][0]))
    rounded = ROUNDED.findall(text)
    assert rounded or path == TW_NOTICE
    assert [r for r in rounded if r not in seed] == []


@pytest.mark.parametrize("path", list(FIGURES), ids=lambda p: p.stem)
def test_no_figure_the_article_does_not_give(path, rendered):
    """Every number in the body (outline numbers aside) is one the article writes, or a placeholder
    the file's header comment names: nothing computed, nothing invented."""
    seed_numbers = set(NUMBER.findall(_seed(FIGURES[path][0])))
    printed = set()
    for paragraph in _body(rendered[path][0]):
        printed |= set(NUMBER.findall(OUTLINE_NUMBER.sub("", paragraph)))
    assert printed - seed_numbers == PLACEHOLDER_FIGURES[path]


def test_no_report_sums_figures_the_article_does_not_split():
    for path in (LOC_NINH, TW_REPORT):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "so_lieu" not in data, path.name
        assert "[[so:" not in path.read_text(encoding="utf-8"), path.name


# ----------------------------------------------------------------------- 290-QĐ/TW as history

def test_290_is_printed_as_history_under_23(rendered, run_cli):
    document, _, out = rendered[LOC_NINH]
    body = _body(document)
    opening = next(p for p in body if p.startswith("Thực hiện "))
    assert opening.startswith("Thực hiện Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế "
                              "công tác dân vận của hệ thống chính trị, Ban Dân vận Huyện ủy Lộc Ninh báo cáo")
    history = next(p for p in body if "290-QĐ/TW, ngày 25/02/2010" in p)
    assert history.startswith("Trong những năm qua, Ban Dân vận Huyện ủy đã ")
    assert "Quyết định số 290-QĐ/TW, ngày 25/02/2010 của Bộ Chính trị ban hành Quy chế công tác dân vận" in history
    replaced = next(p for p in body if "(thay thế Quyết định số 290-QĐ/TW" in p)
    assert "thực hiện tốt Quyết định số 23-QĐ/TW (thay thế Quyết định số 290-QĐ/TW của Bộ Chính trị)" in replaced
    for command in (("lint", out, "--danh-muc", CATALOGS), ("cite", "--check", out, "--danh-muc", CATALOGS)):
        result = run_cli(*command)
        assert result.exit_code == 0, result.output
        assert result.output.strip().endswith("0 lỗi, 0 cảnh báo"), result.output


def test_290_as_a_basis_would_be_refused(tmp_path, run_cli):
    """The clean check above is not vacuous: the same report doing 290-QĐ/TW in 2023 is an error."""
    data = yaml.safe_load(LOC_NINH.read_text(encoding="utf-8"))
    data["phuong_huong"] = ["Trong thời gian tới, Ban Dân vận Huyện ủy tiếp tục triển khai thực hiện tốt [[290-QĐ/TW]]."]
    source = tmp_path / "bao-cao.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("check", source, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 2, result.output
    assert "290-QĐ/TW" in result.output and "23-QĐ/TW" in result.output


# ------------------------------------------------------------------- the numbered conclusions

def test_notice_numbers_its_conclusions(rendered):
    body = _body(rendered[TW_NOTICE][0])
    numbered = [(i, int(m.group(1))) for i, p in enumerate(body) if (m := re.match(r"(\d+)\. \S", p))]
    assert [n for _, n in numbered] == [1, 2, 3, 4, 5]
    first = numbered[0][0]
    assert body[first - 1].startswith("Ngày 16/12/2022, Ban Dân vận Trung ương tổ chức Hội nghị tổng kết Chương trình")
    assert body[first - 1].endswith("đồng chí Phạm Tất Thắng kết luận như sau:")
    assert body[first].startswith("1. Phối hợp thực hiện công tác dân vận với lực lượng vũ trang là một nhiệm vụ trọng tâm")
    second, fourth = numbered[1][0], numbered[3][0]
    assert body[second].endswith(":") and body[second + 1].startswith("- Kết quả thực hiện đã góp phần")
    assert body[fourth].endswith("đề nghị các cơ quan:") and body[fourth + 1].startswith("- Tiếp tục tổ chức quán triệt")
    assert "Giao Ban Dân vận Trung ương chủ trì, phối hợp với các bên thực hiện." in body
    assert body[-1] == "Ban Dân vận Trung ương thông báo để các cơ quan, đơn vị biết, thực hiện./."
