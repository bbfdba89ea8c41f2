"""The notice record, version 1: the output contract of kttt.

Field names and slugs follow the project's record specification exactly;
`kttt schema` prints the JSON Schema of `Notice`.
"""
from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Number = int | float


class DocKind(str, Enum):
    ke_hoach = "ke_hoach"
    nghi_quyet = "nghi_quyet"
    chuong_trinh = "chuong_trinh"
    quyet_dinh = "quyet_dinh"
    chi_thi = "chi_thi"
    de_an = "de_an"
    chien_luoc = "chien_luoc"
    ket_luan = "ket_luan"
    thong_bao = "thong_bao"
    cong_van = "cong_van"
    bao_cao = "bao_cao"
    luat = "luat"
    nghi_dinh = "nghi_dinh"
    thong_tu = "thong_tu"
    other = "other"


class Body(str, Enum):
    ubnd = "ubnd"
    hdnd = "hdnd"
    chinh_phu = "chinh_phu"
    thu_tuong = "thu_tuong"
    bch_trung_uong = "bch_trung_uong"
    tinh_uy = "tinh_uy"
    thanh_uy = "thanh_uy"
    huyen_uy = "huyen_uy"
    thi_uy = "thi_uy"
    dang_uy = "dang_uy"
    bo = "bo"
    so = "so"
    lien_minh_htx = "lien_minh_htx"
    other = "other"


class Level(str, Enum):
    central = "central"
    province = "province"
    district = "district"
    commune = "commune"


class Status(str, Enum):
    target = "target"
    reported = "reported"


class Subject(str, Enum):
    hop_tac_xa = "hop_tac_xa"
    to_hop_tac = "to_hop_tac"
    lien_hiep_hop_tac_xa = "lien_hiep_hop_tac_xa"
    quy_tin_dung_nhan_dan = "quy_tin_dung_nhan_dan"
    to_chuc_kinh_te_tap_the = "to_chuc_kinh_te_tap_the"
    thanh_vien = "thanh_vien"
    lao_dong = "lao_dong"
    can_bo = "can_bo"
    trang_trai = "trang_trai"
    mo_hinh = "mo_hinh"
    san_pham = "san_pham"
    ho_gia_dinh = "ho_gia_dinh"
    dan_so = "dan_so"
    doanh_thu = "doanh_thu"
    thu_nhap = "thu_nhap"
    loi_nhuan = "loi_nhuan"
    dien_tich = "dien_tich"
    von = "von"
    kinh_te_tap_the = "kinh_te_tap_the"
    don_vi_hanh_chinh = "don_vi_hanh_chinh"
    other = "other"


class Comparator(str, Enum):
    eq = "eq"
    approx = "approx"
    gte = "gte"
    gt = "gt"
    lte = "lte"
    lt = "lt"
    range = "range"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Source(Record):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["text", "html", "pdf", "docx"]
    encoding: str


class Issuer(Record):
    name: str | None = None
    body: Body | None = None
    level: Level | None = None
    place: str | None = None
    province: str | None = None


class Period(Record):
    start: int | None = None
    end: int | None = None


class _Document(Record):
    kind: DocKind
    number: str | None = None
    issued_on: date | None = None
    issuer: Issuer | None = None
    title: str | None = None


class Plan(_Document):
    period: Period | None = None


class DocumentRef(_Document):
    year: int | None = None


class Evidence(Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1)  # the PDF page `start` is on; absent for text, HTML, DOCX

    @model_validator(mode="after")
    def _ordered(self) -> "Evidence":
        if self.end - self.start != len(self.text):
            raise ValueError("evidence end - start must equal len(text)")
        return self

    @model_serializer(mode="wrap")
    def _page_only_where_there_are_pages(self, serialize):
        data = serialize(self)
        if self.page is None:
            del data["page"]
        return data


class StatusReason(Record):
    """Why a figure is a target or reported: the cue that governs it, and the scope it governs from
    (its aside, clause or sentence; a lead-in or heading above; a table's column; the notice)."""
    scope: Literal["aside", "clause", "sentence", "lead_in", "heading", "table", "notice"]
    cue: str                  # the cue as written (`phấn đấu`, `đến năm 2030`, `hiện có`), or what the notice says
    start: int | None = None  # the cue's offsets in the normalized text, when it is a span of it
    end: int | None = None


class Figure(Record):
    status: Status
    status_reason: StatusReason | None = None
    subject: Subject
    subject_text: str
    value: Number
    value_max: Number | None = None
    unit: Slug
    comparator: Comparator
    condition: str | None = None
    action: Slug | None = None
    deadline: int | None = None
    as_of: int | None = None
    evidence: Evidence

    @model_validator(mode="after")
    def _range_has_max(self) -> "Figure":
        if (self.comparator == Comparator.range.value) != (self.value_max is not None):
            raise ValueError("comparator 'range' goes with value_max, and only it")
        return self


class Notice(Record):
    schema_version: Literal["1"] = "1"
    source: Source
    title: str | None = None
    published_on: date | None = None
    plan: Plan | None = None
    references: list[DocumentRef] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def check_evidence(self, normalized_text: str) -> None:
        """Raise ValueError unless every figure's evidence, and its status cue, index `normalized_text`."""
        for figure in self.figures:
            ev = figure.evidence
            if normalized_text[ev.start:ev.end] != ev.text:
                raise ValueError(f"evidence {ev.start}:{ev.end} does not match the text")
            why = figure.status_reason
            if why is not None and why.start is not None and normalized_text[why.start:why.end] != why.cue:
                raise ValueError(f"status_reason {why.start}:{why.end} does not match the text")


def json_schema() -> dict:
    return Notice.model_json_schema()
