"""Parts shared by every document kind: issuer, number, opening, content tree, tasks,
signature, recipients and the optional marks.

Attributes are English; the keys a clerk writes are the Vietnamese aliases (ASCII, no
diacritics). Field descriptions are the help that editors show from ``docgen schema``.
"""
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from docgen.rules.dates import parse_date


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "description": "Ngày dạng ngày/tháng/năm, ví dụ 17/01/2022",
                    "examples": ["17/01/2022"]}),
]
Text = Annotated[str, Field(min_length=1)]
OrganisationId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


def no_items() -> list[Any]:
    """The default of a list field (``Field(default_factory=no_items)``). A Python function:
    pydantic reads its signature from its code, where for the built-in `list` it parses the
    signature's text (~6 ms at the first model built, then ~0.15 ms a field)."""
    return []


def _text_or_table(value: Any) -> str:
    return "chuoi" if isinstance(value, str) else "bang"


def _ref_or_full(value: Any) -> str:
    return "theo_ma" if isinstance(value, str) else "day_du"


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


class Part(BaseModel):
    """Base of every model part: unknown keys are errors, keys are the Vietnamese aliases."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True, defer_build=True)


IssuerKind = Literal["cap-uy", "tham-muu", "van-phong", "uy-ban-kiem-tra", "dang-doan",
                     "ban-can-su", "nha-nuoc", "luc-luong-vu-trang", "doan-the"]


class Issuer(Part):
    """Cơ quan ban hành as it appears in the header and in sentences."""

    upper_body: str | None = Field(None, alias="cap_tren", description=(
        "Dòng tên cơ quan cấp trên (in hoa, không đậm), ví dụ 'Tỉnh ủy Bình Phước'; bỏ trống khi cơ quan là cấp ủy cao nhất của hệ thống"))
    name: Text = Field(alias="ten", description="Tên cơ quan ban hành in ở tiêu đề (in hoa, đậm), ví dụ 'Ban Dân vận'")
    full_name: str | None = Field(None, alias="ten_day_du", description=(
        "Tên dùng trong câu văn, ví dụ 'Ban Dân vận Tỉnh ủy'; mặc định là 'ten'"))
    code: Annotated[str, Field(pattern=r"^[A-ZĐ][A-Za-zĐđ0-9]*$")] = Field(alias="ky_hieu", description=(
        "Chữ viết tắt tên cơ quan trong số ký hiệu, ví dụ 'BDVTU'"))
    kind: IssuerKind | None = Field(None, alias="loai", description=(
        "Loại cơ quan, để kiểm tra thẩm quyền ký: cap-uy, tham-muu, van-phong, uy-ban-kiem-tra, ..."))
    place: str | None = Field(None, alias="dia_danh", description="Địa danh nơi cơ quan đóng trụ sở, ví dụ 'Đồng Xoài'")
    numbering: Literal["nhiem_ky", "nam"] | None = Field(None, alias="danh_so", description=(
        "Cách đánh số văn bản: nhiem_ky (cơ quan Đảng, mặc định) hoặc nam (cơ quan nhà nước, lực lượng vũ trang)"))
    term_starts: list[Date] = Field(default_factory=no_items, alias="nhiem_ky_tu", description=(
        "Ngày bắt đầu các nhiệm kỳ (ngày bế mạc đại hội), để đánh số lại từ 01"))

    @property
    def sentence_name(self) -> str:
        return self.full_name or self.name


class Opening(Part):
    """Phần mở đầu: căn cứ, thực hiện, đoạn dẫn và câu dẫn vào nội dung."""

    bases: list[Text] = Field(default_factory=no_items, alias="can_cu", description=(
        "Các văn bản làm căn cứ; mỗi dòng in '- Căn cứ ...;', dòng cuối kết thúc bằng dấu phẩy"))
    implementing: list[Text] = Field(default_factory=no_items, alias="thuc_hien", description=(
        "Các văn bản được thực hiện; in thành câu 'Thực hiện ..., <cơ quan> xây dựng Kế hoạch ... như sau:'"))
    paragraphs: list[Text] = Field(default_factory=no_items, alias="doan", description="Các đoạn mở đầu trước câu dẫn")
    lead_in: str | None = Field(None, alias="loi_dan", description=(
        "Câu dẫn vào nội dung; mặc định '<cơ quan> ban hành Kế hoạch <trích yếu> như sau:'"))


class BulletItem(Part):
    """Một ý gạch đầu dòng '-' có các ý con '+'."""

    text: Text = Field(alias="doan", description="Nội dung ý gạch đầu dòng")
    items: list[Text] = Field(default_factory=no_items, alias="liet_ke", description="Các ý con (in '+')")


class BulletList(Part):
    """Danh sách gạch đầu dòng."""

    items: list[Annotated[
        Annotated[Text, Tag("chuoi")] | Annotated[BulletItem, Tag("bang")],
        Discriminator(_text_or_table),
    ]] = Field(alias="liet_ke", min_length=1, description=(
        "Các ý, mỗi ý một chuỗi (in '- ...') hoặc {doan, liet_ke} có ý con"))


class InlineList(Part):
    """Các ý liệt kê ngay trong một đoạn: 'Tập trung: (1) ...; (2) ...; (3) ....' — số do docgen sinh."""

    lead: Text = Field(alias="doan", description="Câu dẫn trước các ý, không kèm dấu hai chấm")
    items: list[Text] = Field(alias="cac_y", min_length=1, description="Các ý, không kèm số thứ tự")
    form: Literal["({so})", "{chu})", "{so}."] = Field("({so})", alias="dang", description=(
        "Dạng số của ý: (1) (mặc định), a), 1."))

    def text(self) -> str:
        """Returns the paragraph: the lead, a colon, each item numbered, ';' between, '.' at the end."""
        from docgen.rules.outline import heading_number

        items = [" ".join(item.split()).rstrip(" ;,.") for item in self.items]
        numbered = "; ".join(f"{heading_number(self.form, (i,))} {item}" for i, item in enumerate(items, 1))
        return f"{self.lead.rstrip(' :')}: {numbered}."


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("ô bảng cần chữ hoặc số, gặp true/false")
    if isinstance(value, (int, float)):
        from docgen.rules.numbers import number

        return number(value)
    return "" if value is None else value


Cell = Annotated[str, BeforeValidator(_cell)]


class TableRow(Part):
    """Một dòng nhóm ({nhom: ...}, gộp cả dòng, in đậm) hoặc dòng tổng ({tong: [...]}, in đậm)."""

    group: Text | None = Field(None, alias="nhom", description="Tên nhóm, in đậm trên cả dòng")
    total: list[Cell] | None = Field(None, alias="tong", description="Các ô của dòng tổng cộng, in đậm")

    @model_validator(mode="after")
    def _one(self) -> "TableRow":
        if (self.group is None) == (self.total is None):
            raise ValueError("dòng bảng ghi một trong: nhom (dòng nhóm) hoặc tong (dòng tổng)")
        return self


class BodyTable(Part):
    """Một bảng trong nội dung: hàng tiêu đề lặp lại ở mỗi trang, dòng nhóm, dòng tổng."""

    title: Text | None = Field(None, alias="tieu_de", description="Tên bảng, in đậm căn giữa phía trên (tùy chọn)")
    columns: list[Text] = Field(alias="cot", min_length=1, max_length=12, description="Tên các cột")
    rows: list[list[Cell] | TableRow] = Field(alias="hang", min_length=1, description=(
        "Các dòng: danh sách ô [..., ...], dòng nhóm {nhom: ...} hoặc dòng tổng {tong: [..., ...]}"))

    @model_validator(mode="after")
    def _widths(self) -> "BodyTable":
        for i, row in enumerate(self.rows, 1):
            cells = row if isinstance(row, list) else row.total
            if cells is not None and len(cells) > len(self.columns):
                raise ValueError(f"dòng {i} có {len(cells)} ô, bảng chỉ có {len(self.columns)} cột")
        return self


class TableBlock(Part):
    """Khối bảng trong nội dung: {bang: {tieu_de, cot, hang}}."""

    table: BodyTable = Field(alias="bang", description="Bảng: {tieu_de, cot, hang}")


def _node_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "khoi_doan"
    if isinstance(value, dict):
        if "tieu_de" in value:
            return "khoi_muc"
        if "doan_so" in value:
            return "khoi_doan_so"
        if "cac_y" in value:
            return "khoi_cac_y"
        if "bang" in value:
            return "khoi_bang"
        if "liet_ke" in value:
            return "khoi_liet_ke"
    if isinstance(value, Section):
        return "khoi_muc"
    if isinstance(value, NumberedParagraph):
        return "khoi_doan_so"
    if isinstance(value, InlineList):
        return "khoi_cac_y"
    if isinstance(value, TableBlock):
        return "khoi_bang"
    if isinstance(value, BulletList):
        return "khoi_liet_ke"
    return None


def _content_node(section: Any, numbered: Any) -> Any:
    """Returns the type of one content block: a paragraph, a `section`, a `numbered` paragraph
    or a bullet list."""
    return Annotated[
        Annotated[Text, Tag("khoi_doan")] | Annotated[section, Tag("khoi_muc")]
        | Annotated[numbered, Tag("khoi_doan_so")] | Annotated[BulletList, Tag("khoi_liet_ke")]
        | Annotated[InlineList, Tag("khoi_cac_y")] | Annotated[TableBlock, Tag("khoi_bang")],
        Discriminator(_node_tag, custom_error_type="noi_dung_khong_ro",
                      custom_error_message="khối nội dung không rõ loại", custom_error_context={}),
    ]


if TYPE_CHECKING:
    Node: TypeAlias = "Text | Section | NumberedParagraph | BulletList | InlineList | TableBlock"
else:
    Node = _content_node("Section", "NumberedParagraph")


class Section(Part):
    """Một mục có tiêu đề; số thứ tự (I., 1., a)) do docgen sinh theo vị trí, không gõ tay."""

    title: Text = Field(alias="tieu_de", description="Tiêu đề mục, không kèm số thứ tự")
    content: list[Node] = Field(default_factory=no_items, alias="noi_dung", description=(
        "Nội dung của mục: đoạn văn (chuỗi), mục con {tieu_de, noi_dung}, đoạn đánh số {doan_so, noi_dung}, "
        "hoặc danh sách {liet_ke}"))


class NumberedParagraph(Part):
    """Một đoạn văn đánh số (1., 2. hay a) theo cấp, không phải đề mục): số do docgen sinh theo vị trí."""

    text: Text = Field(alias="doan_so", description="Nội dung đoạn đánh số, không kèm số")
    content: list[Node] = Field(default_factory=no_items, alias="noi_dung", description=(
        "Nội dung bên dưới đoạn đánh số (cấp sau): đoạn văn, đoạn đánh số {doan_so}, danh sách {liet_ke}"))


# Section and NumberedParagraph name `Node`, defined after them: pydantic resolves it when the
# models are first used (`defer_build`), so no model is built at import that a run never uses.


class Task(Part):
    """Một dòng của bảng nhiệm vụ."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = Field(None, alias="ma", description=(
        "Mã nhiệm vụ ổn định (ví dụ 'NV01'), để báo cáo kết quả theo từng nhiệm vụ"))
    content: Text = Field(alias="noi_dung", description="Nội dung nhiệm vụ")
    lead: Text = Field(alias="chu_tri", description="Cơ quan chủ trì")
    partners: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=no_items, alias="phoi_hop", description="Cơ quan phối hợp")
    time: Text = Field(alias="thoi_gian", description="Thời gian thực hiện / hoàn thành")
    note: str | None = Field(None, alias="ghi_chu", description="Ghi chú")
    group: str | None = Field(None, alias="nhom", description="Mã nhóm nhiệm vụ (khai báo ở bang_nhiem_vu.nhom)")


@dataclass(frozen=True)
class TaskRef:
    """A task that a report can report on: its stable id, what it is, who leads it, and the
    name of its group (``nhiệm vụ chung``) when the plan groups its tasks. Made from tasks
    already checked, so a plain value (a model would be built, schema and all, at import)."""

    id: str
    content: str
    lead: str | None = None
    group: str | None = None


class TaskGroup(Part):
    """Một nhóm nhiệm vụ, để báo cáo đếm riêng (ví dụ 'nhiệm vụ chung', 'nhiệm vụ đăng ký')."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")] = Field(alias="ma", description="Mã nhóm")
    name: Text = Field(alias="ten", description="Tên nhóm như viết trong câu: 'nhiệm vụ chung'")


class TaskTable(Part):
    """Bảng nhiệm vụ, in thành phụ lục sau chữ ký, sang trang mới."""

    title: str = Field("Danh mục nhiệm vụ", alias="tieu_de", description="Tên phụ lục")
    groups: list[TaskGroup] = Field(default_factory=no_items, alias="nhom", description=(
        "Các nhóm nhiệm vụ (tùy chọn), mỗi nhóm {ma, ten}; nhiệm vụ ghi 'nhom: <ma>'"))
    tasks: list[Task] = Field(alias="nhiem_vu", min_length=1, description="Các nhiệm vụ")


Authority = Annotated[str, Field(description="T/M, K/T, T/L, T/U hoặc Q.; bỏ trống khi người đứng đầu ký trực tiếp")]


class Signer(Part):
    """Quyền hạn, chức vụ, họ tên người ký."""

    authority: Authority | None = Field(None, alias="tham_quyen")
    principal: str | None = Field(None, alias="thay_cho", description=(
        "Thay mặt / ký thay cho ai: 'BAN THƯỜNG VỤ' (T/M), 'TRƯỞNG BAN' (K/T)..."))
    position: Text = Field(alias="chuc_vu", description="Chức vụ người ký, ví dụ 'PHÓ TRƯỞNG BAN'")
    name: Text = Field(alias="ho_ten", description="Họ và tên, không ghi học hàm, cấp bậc")


IssuerRef = Annotated[
    Annotated[OrganisationId, Tag("theo_ma")] | Annotated[Issuer, Tag("day_du")],
    Discriminator(_ref_or_full),
]


class JointParty(Part):
    """Một cơ quan của văn bản liên tịch, với người ký của cơ quan đó."""

    issuer: IssuerRef = Field(alias="co_quan", description="Cơ quan: ghi đầy đủ hoặc mã tổ chức")
    code: Annotated[str, Field(pattern=r"^[A-ZĐ][A-Za-zĐđ0-9]*$")] | None = Field(None, alias="ky_hieu", description=(
        "Ký hiệu của cơ quan trong số ký hiệu liên tịch, nếu khác ký hiệu thường dùng (ví dụ 'BDV', 'QS')"))
    signer: Signer = Field(alias="ky", description="Người ký của cơ quan này")


class Recipient(Part):
    """Một nơi nhận có ghi mục đích."""

    name: Text = Field(alias="ten", description="Tên nơi nhận")
    role: str | None = Field(None, alias="vai_tro", description="b/c (báo cáo), t/h (thực hiện), p/h (phối hợp), để biết")


Secrecy = Literal["MẬT", "TỐI MẬT", "TUYỆT MẬT"]
Urgency = Literal["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]


class Appendix(Part):
    """Một phụ lục do dữ liệu viết (ngoài bảng nhiệm vụ, bảng số liệu): sang trang mới, sau chữ ký."""

    title: Text = Field(alias="tieu_de", description="Tên phụ lục, in hoa đậm")
    content: list[Node] = Field(alias="noi_dung", min_length=1, description=(
        "Nội dung: các phần {tieu_de, noi_dung}, đoạn văn, đoạn đánh số, danh sách, bảng {bang: ...}"))



class DocumentBase(Part):
    """Fields every Party document kind has."""

    model_config = ConfigDict(json_schema_extra={"oneOf": [
        {"required": ["co_quan", "ky"]}, {"required": ["cac_ben"]}]})

    kind: str = Field(alias="loai", description="Loại văn bản")
    profile: str | None = Field(None, alias="ho_so", description=(
        "Hồ sơ quy tắc thể thức: tên có sẵn (hd36-2018, qd399-2026) hoặc đường dẫn tệp .yaml của văn phòng; "
        "bỏ trống để docgen chọn theo ngày ban hành"))

    @property
    def profile_name(self) -> str:
        """Returns the rule profile of the document: the one the data names, else the one in
        force on its date."""
        from docgen.rules.profile import profile_for_date

        return self.profile or profile_for_date(self.date)
    issuer: IssuerRef | None = Field(None, alias="co_quan", description=(
        "Cơ quan ban hành: ghi đầy đủ, hoặc mã tổ chức trong tệp to-chuc.yaml (tên theo ngày ban hành); "
        "văn bản liên tịch thì dùng 'cac_ben'"))
    parties: list[JointParty] | None = Field(None, alias="cac_ben", description=(
        "Văn bản liên tịch của 2 đến 4 cơ quan: mỗi cơ quan {co_quan, ky}; cơ quan chủ trì ghi đầu tiên "
        "(số văn bản theo cơ quan chủ trì, ký hiệu ghép theo thứ tự này)"))
    number: Annotated[int, Field(ge=1, le=99999)] | Literal["auto"] | None = Field(alias="so", description=(
        "Số văn bản (số thứ tự trong nhiệm kỳ); 'auto': lấy số tiếp theo trong sổ văn bản đi khi tạo văn bản "
        "lần đầu và giữ nguyên các lần sau; để trống (null) khi văn thư điền sau"))
    document_id: Annotated[str, Field(min_length=1)] | None = Field(None, alias="ma_van_ban", description=(
        "Mã ổn định của văn bản trong sổ văn bản đi (mặc định: đường dẫn tệp dữ liệu trong thư mục data)"))
    kind_code: str | None = Field(None, alias="ky_hieu_loai", description="Chữ viết tắt tên loại; mặc định theo hồ sơ (KH, BC...)")
    place: str | None = Field(None, alias="dia_danh", description="Địa danh; mặc định theo cơ quan ban hành")
    date: Date = Field(alias="ngay", description="Ngày ban hành")
    summary: Text = Field(alias="trich_yeu", description="Trích yếu nội dung, viết thường chữ đầu, ví dụ 'phối hợp thực hiện ...'")
    opening: Opening = Field(default_factory=Opening, alias="mo_dau", description=(
        "Phần mở đầu: can_cu, thuc_hien, doan, loi_dan"))
    closing: str | None = Field(None, alias="ket_thuc", description="Đoạn kết (ví dụ 'Trên đây là Kế hoạch ...'); dấu './.' do docgen thêm")
    signer: Signer | None = Field(None, alias="ky", description="Người ký: tham_quyen, thay_cho, chuc_vu, ho_ten")
    recipients: list[Annotated[
        Annotated[Text, Tag("chuoi")] | Annotated[Recipient, Tag("bang")],
        Discriminator(_text_or_table),
    ]] = Field(alias="noi_nhan", min_length=1, description=(
        "Nơi nhận, mỗi dòng một nơi; dấu '-' và dấu ',' do docgen thêm"))
    archive: Text = Field(alias="luu", description="Nơi lưu, ví dụ 'Văn phòng Ban'; in '- Lưu Văn phòng Ban.'")
    draft: bool | str = Field(False, alias="du_thao", description="true để in DỰ THẢO, hoặc chữ riêng như 'Dự thảo lần 2'")
    secrecy: Secrecy | None = Field(None, alias="mat", description="Độ mật")
    urgency: Urgency | None = Field(None, alias="khan", description="Độ khẩn")
    circulation: str | None = Field(None, alias="pham_vi_luu_hanh", description="Chỉ dẫn phạm vi lưu hành")
    typist: Annotated[str, Field(pattern=r"^[a-zđ]{1,6}$")] | None = Field(None, alias="nguoi_danh_may", description=(
        "Chữ viết tắt tên người đánh máy, ví dụ 'tc'"))
    copies: Annotated[int, Field(ge=1, le=9999)] | None = Field(None, alias="so_ban", description="Số lượng bản phát hành")
    appendices: list[Appendix] = Field(default_factory=no_items, alias="phu_luc", description=(
        "Các phụ lục (văn bản, bảng), mỗi phụ lục {tieu_de, noi_dung}, in sau chữ ký, mỗi phụ lục một trang mới"))

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list:
        """Returns the body as an outline (`docgen.model.outline`); each kind builds its own.
        `names` maps issuer codes to their names in sentences (for headings that name a body);
        `facts` is what docgen computed for the kind (a report's task counts)."""
        raise NotImplementedError

    def default_closing(self, who: str) -> str | None:
        """Returns the closing paragraph when the data gives none (`None`: no closing)."""
        return None

    def default_lead_in(self, who: str, agreed: str, named: str, implementing: bool) -> str:
        """Returns the sentence leading into the body when the data gives none."""
        verb = "xây dựng" if implementing else "ban hành"
        return f"{who} {agreed}{verb} {named} như sau:"

    def closing_bases(self) -> list[tuple[tuple, str]]:
        """Returns ``(path, line)`` for the lines that close the căn cứ list (a decision's
        "Xét đề nghị của ...")."""
        return []

    def addressee_names(self) -> list[str]:
        """Returns the addressees printed "Kính gửi: ..." before the text (a công văn's, a tờ trình's)."""
        return []

    def first_level(self, default: int) -> int:
        """Returns the level the top of the text is numbered at: 1 (I., II.) or 2 (1., 2.);
        `default` is the kind's."""
        return default

    def attached_document(self) -> tuple[str, str, list] | None:
        """Returns ``(name, trích yếu, outline)`` of a document this one issues and carries after
        its signature (a decision's Quy chế), or `None`."""
        return None

    def party_references(self) -> list[tuple[tuple, str]]:
        """Returns ``(path, code)`` for each place the data names an issuing body by its code."""
        return []

    def appendix_table(self) -> "TaskTable | None":
        """Returns the task table printed as the document's appendix (`None`: the kind has none)."""
        return None

    def tasks(self) -> list[TaskRef]:
        """Returns the tasks with stable ids that a report may report on."""
        table = self.appendix_table()
        if table is None:
            return []
        names = {g.id: g.name for g in table.groups}
        return [TaskRef(id=t.id, content=t.content, lead=t.lead, group=names.get(t.group, t.group) if t.group else None)
                for t in table.tasks if t.id]

    def period(self):
        """Returns the period the document covers (`docgen.rules.periods.Period`), or `None`."""
        return None


# Content of kinds whose body is typed as a tree (plans; free sections of other kinds). The
# union names the class itself, so models in other modules need no rebuild.
if TYPE_CHECKING:
    BodyNode: TypeAlias = "Text | Section | BulletList"
else:
    BodyNode = _content_node(Section, NumberedParagraph)
ContentList = Annotated[list[BodyNode], Field(min_length=1)]
Paragraphs = list[BodyNode]
