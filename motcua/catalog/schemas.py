"""Shapes of the public catalog API (they become the OpenAPI document)."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from motcua.core.api import MAX_OFFSET


class ProcedureFilters(Schema):
    q: str = Field("", max_length=200, description="Từ khóa; không phân biệt dấu và chữ hoa, mọi từ phải có.")
    sector: str | None = Field(None, max_length=32, description="Mã lĩnh vực.")
    agency: str | None = Field(None, max_length=13, description="Mã cơ quan có thẩm quyền (QCVN 102), ví dụ 000.00.31.H56.")
    level: int | None = Field(None, ge=1, le=4, description="Mức độ dịch vụ công trực tuyến đang áp dụng.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SectorOut(Schema):
    code: str
    name: str


class AgencyOut(Schema):
    code: str
    name: str


class ProcedureItem(Schema):
    code: str
    name: str
    sector: SectorOut
    level: int = Field(description="Mức độ dịch vụ công trực tuyến đang áp dụng (1–4).")
    time_limit: float = Field(description="Thời hạn giải quyết, theo đơn vị time_limit_unit.")
    time_limit_unit: str = Field(description="working_days hoặc calendar_days.")
    time_limit_text: str = Field(description="Thời hạn bằng lời, ví dụ “15 ngày làm việc”.")
    same_day_cutoff: str | None = Field(None, description="Giờ tiếp nhận để trả trong ngày, HH:MM.")
    in_rating_pilot: bool
    url: str


class ProcedurePage(Schema):
    items: list[ProcedureItem]
    count: int


class FeeOut(Schema):
    kind: str
    name: str
    amount: int = Field(description="Mức thu, đồng.")
    note: str


class DocumentOut(Schema):
    order: int
    name: str
    originals: int
    certified_copies: int
    copies: int
    mandatory: bool
    template_url: str | None


class LevelOut(Schema):
    agency: str | None = Field(None, description="Mã cơ quan; để trống là áp dụng chung.")
    level: int
    effective_from: datetime.date


class StepOut(Schema):
    order: int
    name: str
    role: str
    role_label: str
    hours: float
    may_send_back: bool


class ProcessOut(Schema):
    number: int
    effective_from: datetime.date
    total_hours: float
    steps: list[StepOut]


class ProcedureDetail(ProcedureItem):
    agencies: list[AgencyOut]
    online_time_limit: float | None
    obligation_wait_counts: bool
    fees: list[FeeOut]
    total_fees: int
    documents: list[DocumentOut]
    result_type: str
    legal_basis: str
    applicants: str
    conditions: str
    steps_description: str
    levels: list[LevelOut]
    process: ProcessOut | None


class ErrorOut(Schema):
    code: str
    message: str
