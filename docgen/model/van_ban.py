"""The rest of an office's week: Công văn (CV), Quyết định (QĐ), Kết luận (KL), Hướng dẫn (HD),
Tờ trình (TTr) and Thông báo (TB), from the shared parts (conventions: party-documents.md §4, §6).

- Công văn: no title; its trích yếu is printed under the number ("V/v ..."); "Kính gửi: ..."
  before the text; points numbered 1., 2.
- Quyết định: căn cứ lines, "QUYẾT ĐỊNH:", then Điều 1., Điều 2., ... (each article's number bold);
  a regulation it issues (Quy chế, Quy định) on new pages after the signature: its name, trích
  yếu, "(Ban hành kèm theo Quyết định số ...)", Chương I, II, ... and Điều 1, 2, ... numbered on
  across the chapters, each article's heading bold.
- Kết luận: KẾT LUẬN + trích yếu; an opening the data gives, or one docgen writes from the
  meeting (never both); numbered points 1., 2.
- Hướng dẫn, Tờ trình, Thông báo: title and trích yếu, a content tree as in a plan; a Tờ trình
  may have "Kính gửi".
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from docgen.model.common import DocumentBase, Paragraphs, Part, Section, Text, _as_list, no_items
from docgen.model.outline import Heading, Node, Para, from_nodes
from docgen.model.thong_bao import Conference
from docgen.rules.dates import short_date
from docgen.rules.outline import roman
from docgen.rules.signature import upper

Addressees = Annotated[list[Text], BeforeValidator(_as_list)]


class Letter(DocumentBase):
    """Công văn."""

    kind: Literal["cong-van"] = Field(alias="loai", description="Loại văn bản: cong-van")
    addressees: Addressees = Field(alias="kinh_gui", min_length=1, description=(
        "Nơi gửi, in 'Kính gửi: ...' trước nội dung (một nơi hay danh sách)"))
    content: Paragraphs = Field(alias="noi_dung", min_length=1, description=(
        "Nội dung: đoạn văn, đoạn đánh số {doan_so} (1., 2.), mục {tieu_de, noi_dung}, danh sách liet_ke"))

    def default_lead_in(self, who: str, agreed: str, named: str, implementing: bool) -> str:
        return f"{who} {agreed}đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:" if implementing else ""

    def addressee_names(self) -> list[str]:
        return list(self.addressees)

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        return from_nodes(self.content, ("noi_dung",))


class Article(Part):
    """Một điều của quyết định (Điều 1., Điều 2., ... do docgen đánh số)."""

    text: Text = Field(alias="noi_dung", description="Nội dung điều, không kèm 'Điều 1.'")
    details: Paragraphs = Field(default_factory=no_items, alias="chi_tiet", description=(
        "Khoản, điểm của điều: đoạn đánh số {doan_so} (1., 2.), đoạn văn, danh sách liet_ke"))


class RegulationArticle(Part):
    """Một điều của quy chế, quy định ban hành kèm theo ("Điều 1. Phạm vi điều chỉnh", in đậm)."""

    title: Text = Field(alias="tieu_de", description="Tên điều, không kèm 'Điều 1.'")
    content: Paragraphs = Field(default_factory=no_items, alias="noi_dung", description=(
        "Nội dung điều: đoạn văn, khoản đánh số {doan_so} (1., 2.), danh sách liet_ke"))


class Chapter(Part):
    """Một chương (Chương I, II, ... do docgen đánh số)."""

    title: Text = Field(alias="tieu_de", description="Tên chương (docgen in hoa)")
    articles: list[RegulationArticle] = Field(alias="dieu", min_length=1, description="Các điều của chương")


class Regulation(Part):
    """Quy chế, quy định ban hành kèm theo quyết định."""

    name: Literal["Quy chế", "Quy định"] = Field("Quy chế", alias="ten_loai", description="Quy chế hoặc Quy định")
    summary: Text = Field(alias="trich_yeu", description="Trích yếu, viết thường chữ đầu: 'công tác dân vận của ...'")
    chapters: list[Chapter] = Field(alias="chuong", min_length=1, description=(
        "Các chương {tieu_de, dieu: [{tieu_de, noi_dung}]}; điều đánh số liền qua các chương"))

    def outline(self) -> list[Node]:
        body: list[Node] = []
        for i, chapter in enumerate(self.chapters):
            here = ("ban_hanh_kem_theo", "chuong", i)
            body.append(Para(f"Chương {roman(i + 1)}", here, "giua_dam"))
            body.append(Para(upper(chapter.title), here + ("tieu_de",), "giua_dam"))
            for j, article in enumerate(chapter.articles):
                at = here + ("dieu", j)
                body.append(Heading(article.title, at + ("tieu_de",), from_nodes(article.content, at + ("noi_dung",)),
                                    article=True))
        return body


class Decision(DocumentBase):
    """Quyết định."""

    kind: Literal["quyet-dinh"] = Field(alias="loai", description="Loại văn bản: quyet-dinh")
    proposal: Text | None = Field(None, alias="xet_de_nghi", description=(
        "Cơ quan đề nghị: in '- Xét đề nghị của ...,' sau các dòng căn cứ"))
    articles: list[Article] = Field(alias="dieu", min_length=1, description="Các điều: {noi_dung, chi_tiet}")
    regulation: Regulation | None = Field(None, alias="ban_hanh_kem_theo", description=(
        "Quy chế, quy định ban hành kèm theo: {ten_loai, trich_yeu, chuong}, in sang trang mới sau chữ ký"))

    def default_lead_in(self, who: str, agreed: str, named: str, implementing: bool) -> str:
        return ""

    def closing_bases(self) -> list[tuple[tuple, str]]:
        return [(("xet_de_nghi",), f"Xét đề nghị của {self.proposal}")] if self.proposal else []

    def attached_document(self) -> tuple[str, str, list[Node]] | None:
        if self.regulation is None:
            return None
        return self.regulation.name, self.regulation.summary, self.regulation.outline()

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        body: list[Node] = [Para("QUYẾT ĐỊNH:", ("dieu",), "giua_dam")]
        for i, article in enumerate(self.articles):
            body.append(Heading(article.text, ("dieu", i, "noi_dung"), from_nodes(article.details, ("dieu", i, "chi_tiet")),
                                paragraph=True, article=True))
        return body


class Conclusions(DocumentBase):
    """Kết luận."""

    kind: Literal["ket-luan"] = Field(alias="loai", description="Loại văn bản: ket-luan")
    meeting: Conference | None = Field(None, alias="hoi_nghi", description=(
        "Cuộc họp, hội nghị: docgen viết đoạn mở đầu từ đây khi dữ liệu không có mo_dau.doan / loi_dan"))
    content: Paragraphs = Field(alias="noi_dung", min_length=1, description=(
        "Các ý kết luận: đoạn đánh số {doan_so, noi_dung} (1., 2.), đoạn văn, mục {tieu_de, noi_dung}"))

    def default_lead_in(self, who: str, agreed: str, named: str, implementing: bool) -> str:
        return ""

    def first_level(self, default: int) -> int:
        # A Kết luận in parts numbers them I., II. (445-KL/TU: "I. ĐÁNH GIÁ TÌNH HÌNH"); its points alone 1., 2.
        return 1 if any(isinstance(node, Section) for node in self.content) else default

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        body: list[Node] = []
        given = self.opening.paragraphs or self.opening.lead_in
        if self.meeting is not None and not given:
            bodies = list((names or {}).values())
            who = bodies[0] if len(bodies) == 1 else f"{', '.join(bodies[:-1])} và {bodies[-1]}" if bodies else ""
            m = self.meeting
            place = f" tại {m.place}" if m.place else ""
            text = f"Ngày {short_date(m.date)}, {m.organiser or who} họp {m.name}{place}, do đồng chí {m.chair.name}, " \
                   f"{m.chair.position} chủ trì."
            heard = f" Sau khi nghe {'; '.join(m.heard)} và ý kiến thảo luận," if m.heard else " Sau khi thảo luận,"
            body.append(Para(text + heard + f" {m.organiser or who} kết luận như sau:", ("hoi_nghi",)))
        return body + from_nodes(self.content, ("noi_dung",))


class GeneralDocument(DocumentBase):
    """Hướng dẫn, Tờ trình, Thông báo: title, trích yếu, a content tree."""

    kind: Literal["huong-dan", "to-trinh", "thong-bao"] = Field(alias="loai", description=(
        "Loại văn bản: huong-dan, to-trinh hoặc thong-bao"))
    addressees: Addressees = Field(default_factory=no_items, alias="kinh_gui", description=(
        "Tờ trình: nơi trình, in 'Kính gửi: ...' trước nội dung"))
    content: Paragraphs = Field(alias="noi_dung", min_length=1, description=(
        "Nội dung: các phần {tieu_de, noi_dung} (I., II.), đoạn văn, đoạn đánh số {doan_so}, danh sách liet_ke"))

    def default_lead_in(self, who: str, agreed: str, named: str, implementing: bool) -> str:
        if self.kind == "huong-dan":
            return f"{who} {agreed}hướng dẫn như sau:"
        return ""

    def addressee_names(self) -> list[str]:
        return list(self.addressees)

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        return from_nodes(self.content, ("noi_dung",))
