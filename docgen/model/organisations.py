"""Organisations with dated names: bodies are renamed and merged (2025), and a document
keeps the names of its own day.

File ``to-chuc.yaml``::

    to_chuc:
      - ma: bdv-binh-phuoc
        ten_theo_thoi_ky:
          - den_ngay: 28/02/2025
            cap_tren: Tỉnh ủy Bình Phước
            ten: Ban Dân vận
            ...
"""
import datetime as dt

from pydantic import Field, model_validator

from docgen.model.common import Date, Issuer, Part


class DatedName(Issuer):
    """An issuer's names and code over one period (both ends included; open when absent)."""

    valid_from: Date | None = Field(None, alias="tu_ngay", description="Áp dụng từ ngày")
    valid_to: Date | None = Field(None, alias="den_ngay", description="Áp dụng đến hết ngày")

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def as_issuer(self) -> Issuer:
        return Issuer.model_validate(self.model_dump(exclude={"valid_from", "valid_to"}))


class Organisation(Part):
    id: str = Field(alias="ma", pattern=r"^[a-z0-9][a-z0-9-]*$", description="Mã tổ chức dùng trong dữ liệu văn bản")
    note: str | None = Field(None, alias="ghi_chu")
    names: list[DatedName] = Field(alias="ten_theo_thoi_ky", min_length=1)

    @model_validator(mode="after")
    def _no_overlap(self) -> "Organisation":
        spans = sorted(self.names, key=lambda n: n.valid_from or dt.date.min)
        for earlier, later in zip(spans, spans[1:], strict=False):
            if (earlier.valid_to or dt.date.max) >= (later.valid_from or dt.date.min):
                raise ValueError(f"các thời kỳ tên của '{self.id}' chồng lên nhau")
        return self

    def name_on(self, day: dt.date) -> Issuer | None:
        """Returns the issuer as named on `day`, or `None` when no period covers it."""
        for name in self.names:
            if name.covers(day):
                return name.as_issuer()
        return None


class OrganisationFile(Part):
    organisations: list[Organisation] = Field(alias="to_chuc")

    @model_validator(mode="after")
    def _unique(self) -> "OrganisationFile":
        seen: set[str] = set()
        for org in self.organisations:
            if org.id in seen:
                raise ValueError(f"mã tổ chức '{org.id}' bị trùng")
            seen.add(org.id)
        return self
