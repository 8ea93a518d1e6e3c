"""From a Word file back to docgen data: `import_document` reads a Party document — one docgen
rendered, or one a clerk typed in Word — into the data of its kind (the Vietnamese keys, in the
schema's order) and a report of what it normalised and what it could not map.

Every printed form is read by the rule that writes it: the number line
(`rules.symbols.parse_number_line`), the place-date line (`rules.dates.parse_place_date_line`),
heading numbers (`rules.outline.parse_heading_number`), authority lines
(`rules.signature.parse_authority_line`), Nơi nhận and Lưu lines (`recipient_line`,
`archive_line` written again must give the line), kind names (`rules.kinds.kind_of_title`),
citations (`rules.citations.full_citation` of a catalog entry). What cannot be mapped stays as
a plain paragraph where it was and is named in the report; nothing is dropped.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from docgen.citations.catalog import Catalog
from docgen.document.kinds import KINDS, Kind
from docgen.docx.blocks import Block, Grid, TextLine
from docgen.model.chuong_trinh import read_facts_line
from docgen.model.common import DocumentBase
from docgen.model.organisations import Organisation
from docgen.model.thong_bao import read_assignment_line, read_opening_sentence
from docgen.rules import signature as sigrules
from docgen.rules.citations import full_citation
from docgen.rules.dates import parse_place_date_line, short_date
from docgen.rules.kinds import kind_of_title
from docgen.rules.outline import parse_heading_number
from docgen.rules.periods import parse_period
from docgen.rules.profile import Profile, load_profile, profile_for_date
from docgen.rules.symbols import PARTY, STATE, find_symbols, parse_number_line
from docgen.text import bare_item, one_line

APPENDIX_LABEL = re.compile(r"^Phụ lục(\s+\d+)?$")
ARTICLE = re.compile(r"^Điều (?P<n>\d+)\.\s*(?P<text>.*)$")
CHAPTER = re.compile(r"^Chương [IVXLC]+$")
TYPIST = re.compile(r"^[a-zđ]{1,6}(?:-\d{1,4})?$|^\d{1,4}$")
SIGNED = re.compile(r"^\(?\s*(đã ký|đã ký và đóng dấu|ký tên, đóng dấu)\s*\)?$", re.IGNORECASE)
BASIS_START = ("Căn cứ ", "Thực hiện ", "Xét ", "Theo ")
# Position words as Party documents write them in running text; a signature prints them in capitals.
POSITION_WORDS = ("Tổng Bí thư", "Bí thư", "Phó Bí thư", "Trưởng Ban", "Phó Trưởng Ban", "Chủ nhiệm", "Phó Chủ nhiệm",
                  "Chánh Văn phòng", "Phó Chánh Văn phòng", "Giám đốc", "Phó Giám đốc", "Chỉ huy trưởng",
                  "Phó Chỉ huy trưởng", "Chính ủy", "Chủ tịch", "Phó Chủ tịch", "Đồn trưởng", "Thường trực",
                  "Ban Thường vụ", "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương", "Ban Chỉ đạo",
                  "Trưởng Ban Chỉ đạo", "Phó Trưởng Ban Chỉ đạo", "Tổng cục trưởng", "Bộ trưởng", "Thứ trưởng")
SECRECY = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
URGENCY = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")


@dataclass(frozen=True)
class Note:
    """One line of the import report: ``chuan_hoa`` (a form read and normalised),
    ``giu_nguyen`` (kept as a plain paragraph: could not be mapped) or ``luu_y`` (to check)."""

    kind: str
    where: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"loai": self.kind, "vi_tri": self.where, "noi_dung": self.message}

    def __str__(self) -> str:
        label = {"chuan_hoa": "chuẩn hóa", "giu_nguyen": "giữ nguyên", "luu_y": "lưu ý"}[self.kind]
        return f"{label}: {self.where}: {self.message}"


@dataclass
class Imported:
    """The data read from a Word file and the report of the import."""

    kind: str
    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)


def sentence_case(text: str) -> str:
    """Returns a line printed in capitals as a name is written in data (first letter capital):
    what capitals hid cannot be known, the renderer capitalises it again."""
    text = one_line(text)
    return text[:1].upper() + text[1:].lower()


# --------------------------------------------------------------------------- the reader


@dataclass
class _Line:
    """A body line, classified: ``muc`` (heading), ``so`` (numbered paragraph), ``gach1``,
    ``gach2``, ``dieu`` (article), ``giua`` (centred bold), ``doan`` (plain) or ``bang``."""

    role: str
    text: str
    level: int = 0
    line: TextLine | None = None
    grid: Grid | None = None


class _Reader:
    def __init__(self, blocks: list[Block], organisations: dict[str, Organisation], catalog: Catalog | None,
                 name: str):
        self.blocks = blocks
        self.organisations = organisations
        self.catalog = catalog
        self.name = name
        self.notes: list[Note] = []
        self.profile: Profile = load_profile()
        self.all_text = sigrules.upper(" ".join(line.stripped for block in blocks for line in
                                                (block.lines() if isinstance(block, Grid) else [block])))
        self.known_names: list[str] = []

    def note(self, kind: str, where: str, message: str) -> None:
        self.notes.append(Note(kind, where, message))

    # ------------------------------------------------------------------ header

    def header(self) -> tuple[list[str], list[str], int]:
        """Returns the issuer cell's lines, the right cell's lines and the index of the first
        block after the header (a table, or lines typed with tabs)."""
        index = 0
        draft = None
        while index < len(self.blocks) and isinstance(self.blocks[index], TextLine):
            line = self.blocks[index]
            assert isinstance(line, TextLine)
            if line.stripped.startswith("DỰ THẢO") and "\t" not in line.text:
                draft = line.stripped
                index += 1
                continue
            break
        self.draft = draft
        if index < len(self.blocks) and isinstance(self.blocks[index], Grid):
            # The header may be one table or several in a row (joint layouts: the bodies'
            # blocks side by side or in rows, then the number and the party title); the cell
            # holding ĐẢNG CỘNG SẢN VIỆT NAM is the right one, the others are read in order.
            left: list[str] = []
            right: list[str] = []
            title = " ".join(self.profile.title_line.split()).upper()
            while index < len(self.blocks) and isinstance(self.blocks[index], Grid):
                grid = self.blocks[index]
                assert isinstance(grid, Grid)
                cells = [cell for row in grid.rows for cell in row]
                if not any(p.stripped.upper() == title for cell in cells for p in cell) and right:
                    break
                for cell in cells:
                    texts = [p.stripped for p in cell]
                    if not right and any(t.upper() == title for t in texts):
                        right = texts
                    else:
                        left += texts
                index += 1
                if right:
                    break
            return left, right, index
        left, right = [], []
        while index < len(self.blocks) and isinstance(self.blocks[index], TextLine):
            line = self.blocks[index]
            assert isinstance(line, TextLine)
            pieces = [one_line(p) for p in re.split(r"\t+", line.text) if p.strip()]
            if "\t" not in line.text and (kind_of_title(line.stripped) or line.stripped.startswith("Kính gửi")):
                break
            if "\t" not in line.text and not _header_like(line.stripped):
                break
            if len(pieces) > 1:
                left.append(pieces[0])
                right.append(pieces[-1])
            elif line.centered and right and not left:
                right.append(pieces[0])
            else:
                left.append(pieces[0])
            index += 1
        if left or right:
            self.note("chuan_hoa", "tiêu đề", "phần đầu gõ bằng tab (không dùng bảng): đọc cột trái, cột phải")
        return left, right, index

    # ------------------------------------------------------------------ the whole document

    def read(self) -> Imported:
        left, right, index = self.header()
        number_at = next((i for i, t in enumerate(left) if t.startswith("Số")), None)
        names = [t for t in (left[:number_at] if number_at is not None else left) if t != "*" and t.strip("*- ")]
        after_number = left[number_at + 1:] if number_at is not None else []
        number = self.number_line(left[number_at] if number_at is not None else None)
        place, date = self.place_date(right)
        self.place = place
        self.profile = load_profile(profile_for_date(date))
        circulation = next((t for t in right[2:] if t), None) if len(right) > 2 else None

        letter_summary = next((t for t in after_number if t.startswith("V/v")), None)
        secrecy = next((t for t in after_number if t in SECRECY), None)
        urgency = next((t for t in after_number if t in URGENCY), None)

        # title, trích yếu
        body = self.blocks[index:]
        title_kind = None
        summary = None
        if body and isinstance(body[0], TextLine) and kind_of_title(body[0].stripped):
            title_kind = kind_of_title(body[0].stripped)
            summary = body[1].stripped if len(body) > 1 and isinstance(body[1], TextLine) else ""
            body = body[2:]
        kind = self.kind_of(title_kind, summary, number, letter_summary)
        if kind.letter:
            summary = letter_summary[len(self.profile.letter.summary_prefix):].strip() if letter_summary else ""
            if letter_summary and not letter_summary.startswith(self.profile.letter.summary_prefix):
                summary = letter_summary[3:].strip(" :")
        data: dict[str, Any] = {"loai": kind.slug}
        parties = self.parties(names, number, date)
        main, signature_grid, rest = self.split_signature(body)
        signers, recipients, archive, typist, rest = self.signature(signature_grid, rest)

        if len(parties) == 1:
            data["co_quan"] = parties[0][0]
        else:
            data["cac_ben"] = []
            for i, (ref, code) in enumerate(parties):
                entry: dict[str, Any] = {"co_quan": ref}
                if code:
                    entry["ky_hieu"] = code
                entry["ky"] = signers[i] if i < len(signers) else {"chuc_vu": "", "ho_ten": ""}
                data["cac_ben"].append(entry)
        data["so"] = number.number if number is not None else None
        if number is not None and number.kind != self.profile.kind_codes.get(kind.slug):
            data["ky_hieu_loai"] = number.kind
        lead_place = self.issuer_place(parties[0][0], date) if parties else None
        if place and place != lead_place:
            data["dia_danh"] = place
        data["ngay"] = short_date(date)
        data["trich_yeu"] = (summary or "").strip()
        if summary and summary[:1].isupper() and not summary[:2].isupper():
            self.note("luu_y", "trich_yeu", "trích yếu viết hoa chữ đầu; docgen in như dữ liệu ghi")

        addressees, main = self.addressees(main)
        opening, main = self.opening(main, kind)
        closing, main = self.closing(main, kind)
        lines = self.classify(main)
        content = self.kind_fields(kind, lines, data, opening, closing, parties)
        if kind.slug in ("cong-van", "to-trinh") or addressees:
            if addressees:
                content = {"kinh_gui": addressees if len(addressees) > 1 else addressees[0], **content}
        data.update(self.ordered_opening(opening))
        data.update(content)
        if closing is not None:
            data["ket_thuc"] = closing
        if len(parties) == 1:
            data["ky"] = signers[0] if signers else {"chuc_vu": "", "ho_ten": ""}
            if not signers:
                self.note("giu_nguyen", "ky", "không tìm thấy khối chữ ký; ghi người ký vào 'ky'")
        data["noi_nhan"] = recipients or ["Như trên"]
        if not recipients:
            self.note("luu_y", "noi_nhan", "không tìm thấy Nơi nhận; ghi tạm 'Như trên'")
        data["luu"] = archive or "Văn phòng"
        if archive is None:
            self.note("luu_y", "luu", "không tìm thấy dòng Lưu; ghi tạm 'Văn phòng'")
        self.appendices(rest, kind, data)
        if self.draft:
            data["du_thao"] = True if self.draft == "DỰ THẢO" else sentence_case(self.draft)
        if secrecy:
            data["mat"] = secrecy
        if urgency:
            data["khan"] = urgency
        if circulation:
            data["pham_vi_luu_hanh"] = circulation
        if typist:
            initials, _, copies = typist.partition("-")
            if initials.isdigit():
                data["so_ban"] = int(initials)
            else:
                data["nguoi_danh_may"] = initials
                if copies:
                    data["so_ban"] = int(copies)
        self.simplify(data, kind, parties)
        return Imported(kind.slug, ordered(data, kind), self.notes)

    def simplify(self, data: dict[str, Any], kind: Kind, parties: list) -> None:
        """Leaves out the lead-in and the closing when they are what docgen writes by default."""
        try:
            model = kind.model.model_validate(data)
        except ValueError:
            return
        if not isinstance(model, DocumentBase):
            return
        who = self.issuer_sentence_name(parties, data)
        opening = data.get("mo_dau", {})
        agreed = "thống nhất " if len(parties) > 1 else ""
        named = f"{kind.in_sentence} {one_line(data['trich_yeu'])}"
        if opening.get("loi_dan") and not opening.get("thuc_hien") and \
                opening["loi_dan"] == model.default_lead_in(who, agreed, named, implementing=False) and \
                True:
            del opening["loi_dan"]
            if not opening:
                del data["mo_dau"]
        if data.get("ket_thuc") and data["ket_thuc"] == model.default_closing(who):
            del data["ket_thuc"]

    # ------------------------------------------------------------------ header lines

    def number_line(self, text: str | None) -> Any:
        if text is None:
            self.note("luu_y", "so", "không tìm thấy dòng số ký hiệu ('Số ...'); để trống số")
            return None
        for system in (PARTY, STATE):
            parsed = parse_number_line(text, system)
            if parsed is not None:
                if not parsed.canonical:
                    self.note("chuan_hoa", "so", f"dòng số ký hiệu '{text}' đọc thành số {parsed.number}, "
                                                 f"ký hiệu {parsed.kind}/{'-'.join(parsed.issuers)}")
                return parsed
        self.note("giu_nguyen", "so", f"không đọc được dòng số ký hiệu '{text}'; để trống số")
        return None

    def place_date(self, right: list[str]) -> tuple[str | None, dt.date]:
        for text in right:
            parsed = parse_place_date_line(text)
            if parsed is not None and parsed.date is not None:
                if not parsed.canonical:
                    self.note("chuan_hoa", "ngay", f"dòng địa danh, ngày '{text}' viết lại theo thể thức")
                return parsed.place, parsed.date
        self.note("luu_y", "ngay", "không tìm thấy dòng địa danh, ngày tháng; ghi tạm ngày hôm nay")
        return None, dt.date.today()

    def kind_of(self, title: Any, summary: str | None, number: Any, letter_summary: str | None) -> Kind:
        by_code = {self.profile.kind_codes.get(k.slug): k for k in KINDS.values()}
        if title is None:
            kind = by_code.get(number.kind) if number is not None else None
            if kind is not None and not kind.letter and kind.title:
                self.note("luu_y", "loai", f"không có tên loại văn bản; đọc loại theo ký hiệu {number.kind}")
                return kind
            return KINDS["cong-van"]
        slug = {"chuong-trinh": "chuong-trinh-phoi-hop"}.get(title.slug, title.slug)
        if slug == "thong-bao" and (summary or "").lower().startswith("kết luận"):
            slug = "thong-bao-ket-luan"
        if slug not in KINDS:
            self.note("luu_y", "loai", f"docgen chưa có loại '{title.title}'; đọc như hướng dẫn (huong-dan)")
            slug = "huong-dan"
        kind = KINDS[slug]
        if number is not None and number.kind != self.profile.kind_codes.get(slug):
            self.note("luu_y", "ky_hieu_loai", f"ký hiệu loại {number.kind} không khớp tên loại {title.title}")
        return kind

    def parties(self, names: list[str], number: Any, date: dt.date) -> list[tuple[Any, str | None]]:
        """Returns ``(co_quan, ky_hieu or None)`` for each issuing body, read from the header
        lines and matched against the organisation list by name on `date`."""
        codes = list(number.issuers) if number is not None else []
        wanted = [" ".join(n.split()).upper() for n in names]
        known = []
        for org in self.organisations.values():
            named = org.name_on(date)
            if named is not None:
                known.append((org.id, named))
        for _org_id, named in known:
            self.known_names += [n for n in (named.upper_body, named.name, named.full_name) if n]
        found: list[tuple[Any, str | None]] = []
        i = 0
        while i < len(wanted):
            best = None
            for org_id, named in known:
                full = ([sigrules.upper(named.upper_body)] if named.upper_body else []) + [sigrules.upper(named.name)]
                for lines in (full, full[-1:]):
                    if wanted[i:i + len(lines)] == lines:
                        code_fits = len(found) < len(codes) and codes[len(found)] == named.code
                        named_in_text = sigrules.upper(named.sentence_name) in self.all_text
                        place_fits = named.place is not None and named.place == self.place
                        score = (len(lines), code_fits, place_fits, named_in_text)
                        if best is None or score > best[0]:
                            best = (score, org_id, named, len(lines))
            if best is None:
                break
            _, org_id, named, size = best
            position = len(found)
            code = codes[position] if position < len(codes) else None
            found.append((org_id, code if code and code != named.code else None))
            i += size
        if i < len(wanted) or not found:
            rest = names[i:] if found else names
            if found:
                self.note("giu_nguyen", "co_quan", f"dòng tiêu đề không khớp cơ quan nào: {' / '.join(rest)}")
                return found
            upper_body = sentence_case(rest[0]) if len(rest) > 1 else None
            name = sentence_case(rest[-1]) if rest else "Cơ quan"
            issuer: dict[str, Any] = {}
            if upper_body:
                issuer["cap_tren"] = upper_body
            issuer["ten"] = name
            issuer["ky_hieu"] = codes[0] if codes else "CQ"
            kind = sigrules.issuer_kind_from_name(" ".join(wanted[-1:]))
            if kind:
                issuer["loai"] = kind
            self.note("luu_y", "co_quan", "cơ quan ban hành không có trong danh mục tổ chức (to-chuc.yaml): "
                                          "ghi đầy đủ, tên viết lại từ chữ in hoa; kiểm tra chữ hoa, thêm 'ten_day_du'")
            return [(issuer, None)]
        if len(codes) > len(found):
            self.note("luu_y", "cac_ben", f"số ký hiệu có {len(codes)} cơ quan, phần đầu ghi {len(found)}")
        return found

    def issuer_place(self, ref: Any, date: dt.date) -> str | None:
        if isinstance(ref, dict):
            return ref.get("dia_danh")
        org = self.organisations.get(ref)
        named = org.name_on(date) if org else None
        return named.place if named else None

    # ------------------------------------------------------------------ signature and Nơi nhận

    def split_signature(self, body: list[Block]) -> tuple[list[Block], Grid | None, list[Block]]:
        """Returns the text, the signature table and what follows it."""
        for i, block in enumerate(body):
            if isinstance(block, Grid) and self.is_signature(block):
                return body[:i], block, body[i + 1:]
        for i, block in enumerate(body):   # no signature table: Nơi nhận typed as paragraphs
            if isinstance(block, TextLine) and block.stripped.rstrip(":").lower() == "nơi nhận":
                return body[:i], None, body[i:]
        return body, None, []

    def is_signature(self, grid: Grid) -> bool:
        lines = grid.lines()
        if any(p.style == "Chữ trong bảng" for p in lines):
            return False
        texts = [p.stripped for p in lines]
        return any(t.rstrip(":").lower() == "nơi nhận" for t in texts) or \
            any(sigrules.parse_authority_line(t) for t in texts) or \
            any(len(cell) >= 2 and cell[0].stripped.isupper() for row in grid.rows for cell in row)

    def signature(self, grid: Grid | None, rest: list[Block]) -> tuple[list[dict], list, str | None, str | None, list[Block]]:
        signers: list[dict] = []
        recipient_lines: list[str] = []
        if grid is not None:
            columns: list[list[str]] = []
            for row in grid.rows:
                cells = [[p.stripped for p in cell] for cell in row]
                left_cell = [c for c in cells if c and c[0].rstrip(":").lower() == "nơi nhận"]
                if left_cell:
                    recipient_lines = left_cell[0]
                sign_cells = [c for c in cells if c and c[0].rstrip(":").lower() != "nơi nhận"]
                if len(row) == 2 and not left_cell and self.profile.signature.lead_side == "phai":
                    sign_cells = list(reversed(sign_cells))   # the lead body signs on the right
                columns += sign_cells
            signers = [self.signer(c) for c in columns]
        if not recipient_lines:
            at = next((i for i, b in enumerate(rest) if isinstance(b, TextLine)
                       and b.stripped.rstrip(":").lower() == "nơi nhận"), None)
            if at is not None:
                end = at + 1
                while end < len(rest) and isinstance(rest[end], TextLine) and \
                        (rest[end].stripped.startswith(("-", "–", "+")) or TYPIST.match(rest[end].stripped)):
                    end += 1
                recipient_lines = [b.stripped for b in rest[at:end] if isinstance(b, TextLine)]
                rest = rest[:at] + rest[end:]
        recipients, archive, typist = self.recipients(recipient_lines)
        return signers, recipients, archive, typist, rest

    def signer(self, lines: list[str]) -> dict[str, Any]:
        lines = [t for t in lines if t]
        kept = [t for t in lines if not SIGNED.match(t)]
        if len(kept) != len(lines):
            self.note("chuan_hoa", "ky", "bỏ dòng '(Đã ký)' trong khối chữ ký")
        lines = kept
        out: dict[str, Any] = {}
        if lines:
            parsed = sigrules.parse_authority_line(lines[0])
            if parsed is not None:
                form, principal = parsed
                if form == "Q.":
                    lines = [lines[0][2:].strip()] + lines[1:]
                    out["tham_quyen"] = "Q."
                else:
                    canonical = sigrules.STATE_FORMS.get(form, form)
                    if canonical != form:
                        self.note("chuan_hoa", "ky.tham_quyen", f"'{form}' (cách viết nhà nước) đọc thành '{canonical}'")
                    out["tham_quyen"] = canonical
                    out["thay_cho"] = self.recase(principal or "")
                    lines = lines[1:]
        if len(lines) >= 2:
            out["chuc_vu"] = self.recase(" ".join(lines[:-1]))
            out["ho_ten"] = lines[-1]
        else:
            out["chuc_vu"] = lines[0] if lines else ""
            out["ho_ten"] = ""
            self.note("luu_y", "ky", "khối chữ ký thiếu chức vụ hoặc họ tên")
        return out

    def recase(self, printed: str) -> str:
        """Returns a line printed in capitals (a position, a principal) as data writes it: the
        names of bodies in their own case, customary position words capitalised; the renderer
        prints it in capitals again."""
        text = sentence_case(printed)
        for name in sorted(self.known_names + list(POSITION_WORDS), key=len, reverse=True):
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
            text = pattern.sub(name.replace("\\", "\\\\"), text)
        return text[:1].upper() + text[1:]

    def recipients(self, lines: list[str]) -> tuple[list, str | None, str | None]:
        rules = self.profile.recipients
        items: list[Any] = []
        archive = None
        typist = None
        for text in lines[1:]:
            if TYPIST.match(text):
                typist = text
                continue
            body = bare_item(text)
            word = rules.archive_prefix.rstrip(":").strip()
            if body.lower().startswith(word.lower()):
                rest = body[len(word):].lstrip(": ").strip()
                archive = rest
                if sigrules.archive_line(rest, rules.archive_prefix, rules.archive_end) != text:
                    self.note("chuan_hoa", "luu", f"dòng '{text}' viết lại theo thể thức")
                continue
            role_match = re.search(r"\s*\(([^()]*)\)$", body)
            if role_match and role_match.group(1).strip() in sigrules.ROLE_WORDS:
                item: Any = {"ten": body[:role_match.start()], "vai_tro": role_match.group(1).strip()}
                written = sigrules.recipient_line(item["ten"], item["vai_tro"], rules.item_end)
            else:
                item = body
                written = sigrules.recipient_line(body, None, rules.item_end)
            if written != text:
                self.note("chuan_hoa", "noi_nhan", f"dòng '{text}' viết lại theo thể thức ('{written}')")
            items.append(item)
        return items, archive, typist

    # ------------------------------------------------------------------ opening

    def addressees(self, main: list[Block]) -> tuple[list[str], list[Block]]:
        texts = [b.stripped if isinstance(b, TextLine) else "" for b in main]
        size = sigrules.addressee_block_length(texts)
        if size == 0:
            first = texts[0] if texts else ""
            if first.lower().startswith("kính gửi"):
                self.note("chuan_hoa", "kinh_gui", f"dòng '{first}' đọc là 'Kính gửi: ...'")
                return [first.split(":", 1)[-1].strip() or first[8:].strip()], main[1:]
            return [], main
        if size == 1:
            return [texts[0][len(sigrules.ADDRESSEE_LABEL):].strip()], main[1:]
        return [bare_item(t) for t in texts[1:size]], main[size:]

    def opening(self, main: list[Block], kind: Kind) -> tuple[dict[str, Any], list[Block]]:
        opening: dict[str, Any] = {"can_cu": [], "thuc_hien": [], "doan": [], "loi_dan": None, "xet_de_nghi": None}
        i = 0
        while i < len(main) and isinstance(main[i], TextLine) and re.match(r"^[-–]\s*(" + "|".join(BASIS_START).replace(" ", r"\s") + ")",
                                                                            main[i].stripped):
            line = main[i].stripped
            body = bare_item(line)
            if body.startswith("Xét đề nghị của ") and kind.slug == "quyet-dinh":
                opening["xet_de_nghi"] = body[len("Xét đề nghị của "):]
            elif body.startswith("Thực hiện "):
                opening["thuc_hien"].append(self.cited(body[len("Thực hiện "):], "mo_dau.thuc_hien"))
            elif body.startswith("Căn cứ "):
                opening["can_cu"].append(self.cited(body[len("Căn cứ "):], "mo_dau.can_cu"))
            else:
                opening["can_cu"].append(body)
            i += 1
        plain = []
        j = i
        while j < len(main):
            candidate = main[j]
            if not isinstance(candidate, TextLine) or not self.plain(candidate):
                break
            plain.append(candidate)
            j += 1
        body_follows = j < len(main)
        lead_at = max((k for k, p in enumerate(plain) if p.stripped.endswith(":")), default=None)
        if lead_at is not None and (body_follows or kind.slug in ("thong-bao-ket-luan",)):
            opening["doan"] = [p.stripped for p in plain[:lead_at]]
            opening["loi_dan"] = plain[lead_at].stripped
            return opening, main[i + lead_at + 1:]
        if (opening["can_cu"] or opening["thuc_hien"]) and plain and body_follows:
            opening["doan"] = [p.stripped for p in plain]
            return opening, main[j:]
        if kind.sections_first and body_follows and plain:
            opening["doan"] = [p.stripped for p in plain]
            return opening, main[j:]
        if kind.slug == "cong-van" and body_follows and plain:
            opening["doan"] = [p.stripped for p in plain]
            return opening, main[j:]
        return opening, main[i:]

    def plain(self, line: TextLine) -> bool:
        return self.role(line)[0] == "doan" and not line.style.startswith("Đoạn kết")

    def cited(self, text: str, where: str) -> str:
        """Returns a basis as data: the catalog's symbol when the line is exactly the catalog's
        full citation of it, else the text as printed."""
        if self.catalog is None:
            return text
        for found in find_symbols(text)[:1]:
            entry = self.catalog.get(str(found.symbol))
            if entry is not None and full_citation(entry.cited(), self.profile.citations.comma_before_date) == text:
                return entry.symbol
        return text

    @staticmethod
    def ordered_opening(opening: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        mo_dau = {k: opening[k] for k in ("can_cu", "thuc_hien", "doan", "loi_dan") if opening.get(k)}
        if mo_dau:
            out["mo_dau"] = mo_dau
        return out

    def closing(self, main: list[Block], kind: Kind) -> tuple[str | None, list[Block]]:
        """Returns the closing paragraph (its end mark taken off) when the text ends with one,
        and the text; a last numbered paragraph or item keeps its place, its mark taken off."""
        mark = self.profile.end_mark
        if not main or not isinstance(main[-1], TextLine):
            return None, main
        last = main[-1]
        text = last.stripped
        if mark and text.endswith(mark):
            text = text[:-len(mark)].rstrip() + "."
        elif mark:
            self.note("luu_y", "ket_thuc", f"văn bản không kết thúc bằng '{mark}'; docgen thêm khi in")
        line = TextLine(text, last.style, last.bold, last.centered)
        if self.role(line)[0] == "doan" and (text.startswith("Trên đây") or kind.slug == "thong-bao-ket-luan"):
            return text, main[:-1]
        return None, main[:-1] + [line]

    # ------------------------------------------------------------------ body

    def role(self, line: TextLine) -> tuple[str, int, str]:
        """Returns ``(role, level, text without its number or mark)`` of a body line."""
        text = line.stripped
        forms = (self.profile.numbering.level_1, self.profile.numbering.level_2, self.profile.numbering.level_3)
        if line.style.startswith("Mục cấp"):
            level = int(line.style[-1]) if line.style[-1].isdigit() else 1
            number = parse_heading_number(forms[level - 1], text + " ")
            return "muc", level, (number.text.strip() if number else text)
        article = ARTICLE.match(text)
        if article:
            return "dieu", 0, article.group("text")
        for bullet, role in ((self.profile.numbering.bullet_1, "gach1"), (self.profile.numbering.bullet_2, "gach2")):
            if text.startswith(bullet + " ") or (bullet == "-" and text[:2] in ("– ", "• ")):
                if bullet == "-" and not text.startswith("- "):
                    self.note("chuan_hoa", "noi_dung", f"dấu đầu dòng '{text[0]}' đọc là '-'")
                return role, 0, text[2:].strip()
        if line.centered and line.bold:
            return "giua", 0, text
        for level, form in enumerate(forms, 1):
            number = parse_heading_number(form, text)
            if number is not None and number.text.strip():
                heading = line.bold or (level == 1 and number.text.isupper())
                return ("muc" if heading else "so"), level, number.text.strip()
        return "doan", 0, text

    def classify(self, blocks: list[Block]) -> list[_Line]:
        out: list[_Line] = []
        for block in blocks:
            if isinstance(block, Grid):
                out.append(_Line("bang", "", grid=block))
                continue
            role, level, text = self.role(block)
            if role == "muc" and level == 1 and text.isupper():
                text = sentence_case(text)
            out.append(_Line(role, text, level, block))
        # a table's title: a bold centred line just before it
        for i in range(len(out) - 1):
            if out[i].role == "giua" and out[i + 1].role == "bang" and out[i + 1].grid is not None:
                out[i + 1].text = out[i].text
                out[i].role = "bo"
        return [line for line in out if line.role != "bo"]

    def tree(self, lines: list[_Line], first_level: int | None = None) -> list[Any]:
        """Returns the content tree (``noi_dung``) of body lines: headings and numbered
        paragraphs by level, paragraphs and lists under the nearest one."""
        levels = [line.level for line in lines if line.role in ("muc", "so")]
        top = first_level if first_level is not None else (min(levels) if levels else 1)
        root: list[Any] = []
        stack: list[tuple[int, list[Any]]] = [(0, root)]
        for line in lines:
            if line.role in ("muc", "so"):
                depth = max(line.level - top + 1, 1)
                while stack[-1][0] >= depth:
                    stack.pop()
                node: dict[str, Any] = {"tieu_de" if line.role == "muc" else "doan_so": line.text, "noi_dung": []}
                stack[-1][1].append(node)
                stack.append((depth, node["noi_dung"]))
                continue
            here = stack[-1][1]
            if line.role == "gach1":
                if here and isinstance(here[-1], dict) and "liet_ke" in here[-1] and len(here[-1]) == 1:
                    here[-1]["liet_ke"].append(line.text)
                else:
                    here.append({"liet_ke": [line.text]})
            elif line.role == "gach2":
                if here and isinstance(here[-1], dict) and "liet_ke" in here[-1] and len(here[-1]) == 1:
                    items = here[-1]["liet_ke"]
                    if isinstance(items[-1], str):
                        items[-1] = {"doan": items[-1], "liet_ke": []}
                    items[-1]["liet_ke"].append(line.text)
                else:
                    here.append({"liet_ke": [line.text]})
                    self.note("chuan_hoa", "noi_dung", f"ý '+' không có ý '-' trước: đọc là ý '-': «{line.text[:40]}»")
            elif line.role == "bang" and line.grid is not None:
                here.append({"bang": self.body_table(line.grid, line.text)})
            else:
                if line.role in ("dieu", "giua"):
                    self.note("giu_nguyen", "noi_dung", f"đoạn «{line.text[:50]}» giữ nguyên như đoạn văn")
                here.append(line.line.stripped if line.line is not None else line.text)
        return _tidy(root)

    def body_table(self, grid: Grid, title: str) -> dict[str, Any]:
        table: dict[str, Any] = {}
        if title:
            table["tieu_de"] = title
        table["cot"] = grid.cell_texts(0) if grid.rows else []
        rows: list[Any] = []
        for r in range(1, len(grid.rows)):
            cells = grid.cell_texts(r)
            bold = all(p.bold for cell in grid.rows[r] for p in cell) and any(grid.rows[r])
            if grid.spans[r]:
                rows.append({"nhom": cells[0]})
            elif bold:
                rows.append({"tong": cells})
            else:
                rows.append(cells)
        table["hang"] = rows
        return table

    # ------------------------------------------------------------------ kinds

    def kind_fields(self, kind: Kind, lines: list[_Line], data: dict[str, Any], opening: dict[str, Any],
                    closing: str | None, parties: list) -> dict[str, Any]:
        slug = kind.slug
        if slug == "quyet-dinh":
            return self.decision(lines, opening)
        if slug == "thong-bao-ket-luan":
            return self.notice(lines, opening, parties, data)
        if slug == "chuong-trinh-phoi-hop":
            return self.programme(lines, data)
        if slug == "bao-cao":
            return self.report(lines, data, opening)
        first = 2 if kind.first_level == 2 and not any(l.role == "muc" and l.level == 1 for l in lines) else None
        return {"noi_dung": self.tree(lines, first) or [""]}

    def decision(self, lines: list[_Line], opening: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if opening.get("xet_de_nghi"):
            out["xet_de_nghi"] = opening["xet_de_nghi"]
        start = next((i for i, l in enumerate(lines) if l.role == "giua" and l.text.rstrip(":") == "QUYẾT ĐỊNH"), None)
        if start is None:
            self.note("luu_y", "dieu", "không có dòng 'QUYẾT ĐỊNH:'; docgen in dòng này")
        else:
            if start:
                opening["doan"] = opening.get("doan", []) + [l.line.stripped for l in lines[:start] if l.line]
            lines = lines[start + 1:]
        articles: list[dict[str, Any]] = []
        chunk: list[_Line] = []
        before: list[_Line] = []
        for line in lines + [_Line("dieu", "")]:
            if line.role == "dieu":
                if articles:
                    if chunk:
                        articles[-1]["chi_tiet"] = self.tree(chunk, 2)
                elif chunk:
                    before = chunk
                chunk = []
                if line.text:
                    articles.append({"noi_dung": line.text})
            else:
                chunk.append(line)
        if before:
            self.note("giu_nguyen", "dieu", "đoạn trước Điều 1 giữ nguyên trong điều đầu")
            if articles:
                articles[0]["chi_tiet"] = self.tree(before, 2) + articles[0].get("chi_tiet", [])
        out["dieu"] = articles or [{"noi_dung": ""}]
        return out

    def notice(self, lines: list[_Line], opening: dict[str, Any], parties: list, data: dict[str, Any]) -> dict[str, Any]:
        who = self.issuer_sentence_name(parties, data)
        conference = None
        lead = opening.get("loi_dan")
        if lead and not opening.get("doan"):
            conference = read_opening_sentence(lead, who) if who else None
            if conference is not None:
                opening["loi_dan"] = None
        if conference is None:
            self.note("giu_nguyen", "hoi_nghi", "đoạn mở đầu không viết theo mẫu của docgen: giữ trong mo_dau; "
                                                "ghi 'hoi_nghi' (ten, ngay, chu_tri) bằng tay")
            conference = {"ten": "", "ngay": data.get("ngay"), "chu_tri": {"ho_ten": "", "chuc_vu": ""}}
        conclusions: list[dict[str, Any]] = []
        for node in self.tree(lines, 2):
            if isinstance(node, dict) and "doan_so" in node:
                item: dict[str, Any] = {"noi_dung": node["doan_so"]}
                details = list(node.get("noi_dung", []))
                if details and isinstance(details[-1], str):
                    assigned = read_assignment_line(details[-1])
                    if assigned is not None:
                        details = details[:-1]
                        item["chu_tri"], partners = assigned
                        if partners:
                            item["phoi_hop"] = partners
                if details:
                    item = {"noi_dung": item["noi_dung"], "chi_tiet": details,
                            **{k: v for k, v in item.items() if k != "noi_dung"}}
                conclusions.append(item)
            elif conclusions:
                conclusions[-1].setdefault("chi_tiet", []).append(node)
            else:
                self.note("giu_nguyen", "ket_luan", "đoạn trước ý kết luận đầu tiên giữ trong mo_dau.doan")
                opening["doan"] = opening.get("doan", []) + ([node] if isinstance(node, str) else [])
        return {"hoi_nghi": conference, "ket_luan": conclusions or [{"noi_dung": ""}]}

    def issuer_sentence_name(self, parties: list, data: dict[str, Any]) -> str:
        date = _date(data["ngay"])
        names = []
        for ref, _code in parties:
            if isinstance(ref, dict):
                names.append(ref.get("ten_day_du") or ref.get("ten", ""))
            else:
                org = self.organisations.get(ref)
                named = org.name_on(date) if org else None
                names.append(named.sentence_name if named else "")
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"

    def sections(self, lines: list[_Line]) -> list[tuple[str, list[Any]]]:
        """Returns the top-level parts (I., II.) as ``(title, content)``."""
        tree = self.tree(lines, 1)
        parts: list[tuple[str, list[Any]]] = []
        for node in tree:
            if isinstance(node, dict) and "tieu_de" in node:
                parts.append((node["tieu_de"], node.get("noi_dung", [])))
            elif parts:
                parts[-1][1].append(node)
            else:
                parts.append(("", [node]))
        return parts

    def programme(self, lines: list[_Line], data: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        period = self.period_from_summary(data.get("trich_yeu", ""))
        out["giai_doan"] = period or ""
        for title, content in self.sections(lines):
            key = _key(title)
            if key == "muc dich, yeu cau":
                subs = {_key(n["tieu_de"]): n.get("noi_dung", []) for n in content if isinstance(n, dict) and "tieu_de" in n}
                if "muc dich" in subs:
                    out["muc_dich"] = subs["muc dich"]
                    if subs.get("yeu cau"):
                        out["yeu_cau"] = subs["yeu cau"]
                else:
                    out["muc_dich"] = content
            elif key == "noi dung phoi hop":
                items = []
                for node in content:
                    if isinstance(node, dict) and "tieu_de" in node:
                        item: dict[str, Any] = {"tieu_de": node["tieu_de"]}
                        children = list(node.get("noi_dung", []))
                        facts = read_facts_line(children[-1]) if children and isinstance(children[-1], str) else None
                        if facts is not None:
                            children = children[:-1]
                        if children:
                            item["noi_dung"] = children
                        item.update(facts or {})
                        items.append(item)
                    else:
                        self.note("giu_nguyen", "noi_dung_phoi_hop", "đoạn ngoài nội dung phối hợp giữ trong nội dung trước")
                        if items:
                            items[-1].setdefault("noi_dung", []).append(node)
                out["noi_dung_phoi_hop"] = items
            elif key == "phuong thuc, co che phoi hop":
                names = {"trao doi thong tin": "trao_doi_thong_tin", "giao ban dinh ky": "giao_ban",
                         "kiem tra, giam sat": "kiem_tra", "so ket, tong ket": "so_ket_tong_ket"}
                mechanism: dict[str, Any] = {}
                for node in content:
                    field_key = names.get(_key(node["tieu_de"])) if isinstance(node, dict) and "tieu_de" in node else None
                    if field_key:
                        mechanism[field_key] = node.get("noi_dung", [])
                    else:
                        self.note("giu_nguyen", "phuong_thuc_phoi_hop", "mục không thuộc phương thức phối hợp: giữ trong 'trao_doi_thong_tin'")
                        mechanism.setdefault("trao_doi_thong_tin", []).append(node)
                out["phuong_thuc_phoi_hop"] = mechanism
            elif key == "to chuc thuc hien":
                codes = self.party_codes(data)
                implementation: dict[str, Any] = {"trach_nhiem": []}
                last = content[-1] if content else None
                if isinstance(last, dict) and last.get("noi_dung") and isinstance(last["noi_dung"][-1], str):
                    # the effect clause closes part IV; read as a paragraph of the heading before it
                    content = content + [last["noi_dung"].pop()]
                    if not last["noi_dung"]:
                        del last["noi_dung"]
                for node in content:
                    if isinstance(node, dict) and "tieu_de" in node:
                        if _key(node["tieu_de"]) == "che do thong tin, bao cao":
                            implementation["che_do_bao_cao"] = node.get("noi_dung", [])
                        else:
                            code = codes.get(node["tieu_de"])
                            if code is None:
                                self.note("luu_y", "to_chuc_thuc_hien", f"không biết ký hiệu của '{node['tieu_de']}'")
                            implementation["trach_nhiem"].append({"ben": code or node["tieu_de"],
                                                                  "nhiem_vu": node.get("noi_dung", [])})
                    elif isinstance(node, str):
                        implementation["hieu_luc"] = node
                if "hieu_luc" not in implementation:
                    self.note("luu_y", "to_chuc_thuc_hien.hieu_luc", "không có câu hiệu lực; docgen in câu mặc định")
                out["to_chuc_thuc_hien"] = implementation
            else:
                self.note("giu_nguyen", "noi_dung", f"phần '{title}' không thuộc chương trình phối hợp: giữ trong 'muc_dich'")
                out.setdefault("muc_dich", []).extend([{"tieu_de": title, "noi_dung": content}] if title else content)
        return out

    def party_codes(self, data: dict[str, Any]) -> dict[str, str]:
        date = _date(data["ngay"])
        codes: dict[str, str] = {}
        for party in data.get("cac_ben", []) or [{"co_quan": data.get("co_quan")}]:
            ref = party.get("co_quan")
            if isinstance(ref, dict):
                named_name, code = ref.get("ten_day_du") or ref.get("ten"), ref.get("ky_hieu")
            else:
                org = self.organisations.get(ref)
                named = org.name_on(date) if org else None
                if named is None:
                    continue
                named_name, code = named.sentence_name, named.code
            wanted = party.get("ky_hieu") or code
            if named_name and wanted:
                codes[str(named_name)] = str(wanted)
        return codes

    def report(self, lines: list[_Line], data: dict[str, Any], opening: dict[str, Any]) -> dict[str, Any]:
        lead = re.search(r"báo cáo kết quả (?P<period>.+?) như sau:$", opening.get("loi_dan") or "")
        period = lead.group("period") if lead and _is_period(lead.group("period")) else None
        out: dict[str, Any] = {"ky_bao_cao": period or self.period_from_summary(data.get("trich_yeu", "")) or ""}
        fields = {"dac diem tinh hinh": "dac_diem_tinh_hinh", "ket qua thuc hien": "ket_qua",
                  "phuong huong, nhiem vu": "phuong_huong", "de xuat, kien nghi": "de_xuat"}
        assessments = {"uu diem": "uu_diem", "han che, khuyet diem": "han_che", "nguyen nhan": "nguyen_nhan",
                       "bai hoc kinh nghiem": "bai_hoc"}
        for title, content in self.sections(lines):
            key = _key(title)
            if key in fields:
                out[fields[key]] = content
            elif key == "danh gia chung":
                assessment: dict[str, Any] = {}
                for node in content:
                    sub = assessments.get(_key(node["tieu_de"])) if isinstance(node, dict) and "tieu_de" in node else None
                    if sub:
                        assessment[sub] = node.get("noi_dung", [])
                    else:
                        self.note("giu_nguyen", "danh_gia", "mục không thuộc đánh giá chung: giữ trong 'uu_diem'")
                        assessment.setdefault("uu_diem", []).append(node)
                out["danh_gia"] = {k: assessment[k] for k in ("uu_diem", "han_che", "nguyen_nhan", "bai_hoc") if k in assessment}
            else:
                self.note("giu_nguyen", "ket_qua", f"phần '{title or '(không tiêu đề)'}' không thuộc các phần của báo cáo: "
                                                   "giữ trong 'ket_qua'")
                out.setdefault("ket_qua", []).extend([{"tieu_de": title, "noi_dung": content}] if title else content)
        return out

    def period_from_summary(self, summary: str) -> str | None:
        words = summary.split()
        for start in range(len(words)):
            candidate = " ".join(words[start:])
            if _is_period(candidate):
                return candidate
        self.note("luu_y", "ky_bao_cao", "trích yếu không nêu kỳ (năm, giai đoạn): ghi kỳ bằng tay")
        return None

    # ------------------------------------------------------------------ after the signature

    def appendices(self, rest: list[Block], kind: Kind, data: dict[str, Any]) -> None:
        i = 0
        written: list[dict[str, Any]] = []
        while i < len(rest):
            block = rest[i]
            if isinstance(block, TextLine) and (APPENDIX_LABEL.match(block.stripped) or
                                                (kind.slug == "quyet-dinh" and block.stripped in ("QUY CHẾ", "QUY ĐỊNH"))):
                end = next((j for j in range(i + 1, len(rest)) if isinstance(rest[j], TextLine) and
                            APPENDIX_LABEL.match(rest[j].stripped)), len(rest))
                part = rest[i + 1:end]
                if not APPENDIX_LABEL.match(block.stripped):
                    data["ban_hanh_kem_theo"] = self.regulation(block.stripped, part)
                else:
                    self.appendix(part, kind, data, written)
                i = end
                continue
            if isinstance(block, TextLine):
                self.note("giu_nguyen", "phu_luc", f"đoạn sau chữ ký không đọc được: «{block.stripped[:60]}»")
            i += 1
        if written:
            data["phu_luc"] = written

    def appendix(self, part: list[Block], kind: Kind, data: dict[str, Any], written: list[dict[str, Any]]) -> None:
        texts = [b for b in part if isinstance(b, TextLine)]
        title = texts[0].stripped if texts else ""
        body = part[1:] if part and isinstance(part[0], TextLine) else part
        if body and isinstance(body[0], TextLine) and body[0].stripped.startswith("(Kèm theo"):
            body = body[1:]
        grid = body[0] if len(body) == 1 and isinstance(body[0], Grid) else None
        if grid is not None and grid.rows and grid.cell_texts(0)[:2] == ["STT", "Nội dung nhiệm vụ"] \
                and kind.slug in ("ke-hoach", "chuong-trinh-phoi-hop"):
            data["bang_nhiem_vu"] = self.task_table(grid, title)
            return
        if grid is not None and grid.rows and grid.cell_texts(0)[:2] == ["STT", "Chỉ tiêu, đơn vị báo cáo"] \
                and kind.slug == "bao-cao":
            data["so_lieu"] = self.figures(grid, title)
            return
        content = self.tree(self.classify(body), 2)
        written.append({"tieu_de": sentence_case(title), "noi_dung": content or [""]})

    def task_table(self, grid: Grid, title: str) -> dict[str, Any]:
        header = grid.cell_texts(0)
        columns = {name: i for i, name in enumerate(header)}
        table: dict[str, Any] = {}
        if title != sigrules.upper("Danh mục nhiệm vụ"):
            table["tieu_de"] = sentence_case(title)
        groups: list[dict[str, Any]] = []
        tasks: list[dict[str, Any]] = []
        group = None
        for r in range(1, len(grid.rows)):
            cells = grid.cell_texts(r)
            if len(cells) <= 2 and cells and re.fullmatch(r"[IVXLC]+", cells[0]):
                name = re.sub(r"\s*\(\d+ nhiệm vụ\)$", "", cells[1] if len(cells) > 1 else "")
                group = f"nhom{len(groups) + 1}"
                groups.append({"ma": group, "ten": name[:1].lower() + name[1:]})
                continue

            def cell(name: str, cells: list[str] = cells) -> str:
                at = columns.get(name)
                return cells[at] if at is not None and at < len(cells) else ""
            task: dict[str, Any] = {"noi_dung": cell("Nội dung nhiệm vụ"), "chu_tri": cell("Cơ quan chủ trì")}
            partners = cell("Cơ quan phối hợp")
            if partners:
                task["phoi_hop"] = partners.split(", ")
            task["thoi_gian"] = cell("Thời gian")
            if cell("Ghi chú"):
                task["ghi_chu"] = cell("Ghi chú")
            if group:
                task["nhom"] = group
            tasks.append(task)
        if groups:
            table["nhom"] = groups
        table["nhiem_vu"] = tasks
        return table

    def figures(self, grid: Grid, title: str) -> dict[str, Any]:
        indicators: list[dict[str, Any]] = []
        units: dict[str, dict[str, str]] = {}
        for r in range(1, len(grid.rows)):
            cells = grid.cell_texts(r) + ["", "", "", ""]
            if cells[0]:
                indicators.append({"ma": f"chi_tieu_{len(indicators) + 1}", "ten": cells[1], "don_vi_tinh": cells[2]})
            elif indicators:
                unit = bare_item(cells[1]) if cells[1].startswith("- ") else cells[1]
                units.setdefault(unit, {})[indicators[-1]["ma"]] = cells[3]
        self.note("luu_y", "so_lieu", "mã chỉ tiêu đặt lại (chi_tieu_1, ...): số liệu trong câu văn giữ như đã in")
        figures: dict[str, Any] = {"chi_tieu": indicators,
                                   "don_vi": [{"don_vi": unit, "so_lieu": values} for unit, values in units.items()]}
        if title != sigrules.upper("Tổng hợp số liệu kết quả thực hiện"):
            figures["tieu_de"] = sentence_case(title)
        return figures

    def regulation(self, label: str, part: list[Block]) -> dict[str, Any]:
        texts = [b for b in part if isinstance(b, TextLine)]
        out: dict[str, Any] = {"ten_loai": "Quy định" if label == "QUY ĐỊNH" else "Quy chế"}
        out["trich_yeu"] = texts[0].stripped if texts else ""
        body = part[1:]
        if body and isinstance(body[0], TextLine) and body[0].stripped.startswith("(Ban hành kèm theo"):
            body = body[1:]
        chapters: list[dict[str, Any]] = []
        lines = self.classify(body)
        i = 0
        article_lines: list[_Line] = []

        def close_article() -> None:
            if chapters and chapters[-1]["dieu"] and article_lines:
                chapters[-1]["dieu"][-1]["noi_dung"] = self.tree(article_lines, 2)

        while i < len(lines):
            line = lines[i]
            if line.role == "giua" and CHAPTER.match(line.text):
                close_article()
                article_lines = []
                title = lines[i + 1].text if i + 1 < len(lines) else ""
                chapters.append({"tieu_de": sentence_case(title), "dieu": []})
                i += 2
                continue
            if line.role == "dieu" and chapters:
                close_article()
                article_lines = []
                chapters[-1]["dieu"].append({"tieu_de": line.text})
            else:
                article_lines.append(line)
            i += 1
        close_article()
        out["chuong"] = chapters
        return out


def _is_period(text: str) -> bool:
    try:
        parse_period(text)
    except (ValueError, TypeError):
        return False
    return True


def _header_like(text: str) -> bool:
    """Whether a line typed without tabs still belongs to the header: a name in capitals,
    the star, the number line, "V/v ...", a place-date line."""
    return text.isupper() or text.strip() == "*" or text.startswith(("Số", "V/v")) or \
        parse_place_date_line(text) is not None


def _key(title: str) -> str:
    from docgen.text import strip_accents

    return " ".join(strip_accents(title).split())


def _date(text: str) -> dt.date:
    from docgen.rules.dates import parse_date

    return parse_date(text)


def _tidy(nodes: list[Any]) -> list[Any]:
    """Returns the tree without empty ``noi_dung`` lists and empty sub-lists of items."""
    out = []
    for node in nodes:
        if isinstance(node, dict):
            node = dict(node)
            if "noi_dung" in node:
                node["noi_dung"] = _tidy(node["noi_dung"])
                if not node["noi_dung"]:
                    del node["noi_dung"]
            if "liet_ke" in node:
                node["liet_ke"] = [({"doan": i["doan"], "liet_ke": i["liet_ke"]} if i["liet_ke"] else i["doan"])
                                   if isinstance(i, dict) else i for i in node["liet_ke"]]
        out.append(node)
    return out


def ordered(data: dict[str, Any], kind: Kind) -> dict[str, Any]:
    """Returns `data` with its keys in the order of the kind's schema (unknown keys last)."""
    fields = [f.alias or name for name, f in kind.model.model_fields.items()]
    base_keys = [f.alias or name for name, f in DocumentBase.model_fields.items()]
    own = [k for k in fields if k not in base_keys]
    head = base_keys[:base_keys.index("mo_dau") + 1]
    order = [k for k in head] + own + [k for k in base_keys if k not in head]
    front = [k for k in order if k in data]
    return {k: data[k] for k in front + [k for k in data if k not in front]}


def import_blocks(blocks: list[Block], organisations: dict[str, Organisation], catalog: Catalog | None,
                  name: str) -> Imported:
    """Returns the data of the Word document whose body is `blocks` (`docgen.docx.blocks`),
    issuers matched against `organisations`, bases against `catalog`."""
    return _Reader(blocks, organisations, catalog, name).read()
