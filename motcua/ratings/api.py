"""`/api/v1/ratings`: rating by a signed link (no account), and the satisfaction figures.

- `GET/POST /links/{token}` is what the portal's or a mobile app's rating screen calls with the
  link printed on the receipt: the same once-per-stage rule, the same per-client limit and the
  same refusals as the page (`link_invalid` 404, `link_expired` 410, `already_rated` 409).
- `GET /summary` gives the dashboard's table to officials, within the same scope as the page
  (an official their own ratings, a leader their agency, the reform supervisor the province);
  a target out of reach is 404, as on the page. Callers who are not officials get 403.
"""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from motcua.core.errors import DomainError
from motcua.directory.api import official_auth
from motcua.dossiers.schemas import ErrorOut
from motcua.dossiers.views.common import is_official

from . import queries, services
from .filters import Selection, select
from .models import Level, Rating, Reason, Stage
from .views.common import QUESTIONS, client_allowed, too_many

router = Router(tags=["Đánh giá"])


ERRORS = {404: ErrorOut, 409: ErrorOut, 410: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class Choice(Schema):
    code: str
    label: str


class LinkOut(Schema):
    dossier: str
    procedure: str
    stage: str
    stage_label: str
    question: str
    official: str
    levels: list[Choice]
    reasons: list[Choice]
    rated: bool


class RateIn(Schema):
    level: str
    reasons: list[str] = []
    comment: str = ""


class RatingOut(Schema):
    dossier: str
    stage: str
    level: str
    channel: str
    at: datetime.datetime


def _limited(request) -> None:
    if not client_allowed(request):
        raise DomainError("rate_limited", too_many(), status=429)


@router.get("/links/{token}", response={200: LinkOut, **ERRORS}, summary="Nội dung màn hình đánh giá theo liên kết")
def link(request, token: str):
    _limited(request)
    found, dossier = services.open_link(token)
    rated = Rating.objects.filter(dossier=dossier, stage=found.stage).exists()
    official = services.official_for_stage(dossier, found.stage)
    return {
        "dossier": dossier.code, "procedure": dossier.procedure.name, "stage": found.stage,
        "stage_label": str(Stage(found.stage).label), "question": str(QUESTIONS[found.stage]),
        "official": str(official),
        "levels": [{"code": code, "label": str(label)} for code, label in Level.choices],
        "reasons": [{"code": r.code, "label": r.text} for r in Reason.objects.filter(is_active=True)],
        "rated": rated,
    }


@router.post("/links/{token}", response={201: RatingOut, **ERRORS}, summary="Đánh giá theo liên kết (không cần tài khoản)")
def rate_by_link(request, token: str, body: RateIn):
    _limited(request)
    found, dossier = services.open_link(token)
    rating = services.rate(dossier, found.stage, body.level, channel=found.channel, reasons=body.reasons[:20],
                           comment=body.comment)
    return Status(201, {"dossier": dossier.code, "stage": rating.stage, "level": rating.level,
                        "channel": rating.channel, "at": rating.at})


class SummaryFilters(Schema):
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    by: str | None = None
    stage: str | None = None
    channel: str | None = None
    official: int | None = None
    counter: int | None = None
    desk: int | None = None
    agency: int | None = None
    sector: int | None = None


class GroupOut(Schema):
    key: int | None
    label: str
    total: int
    counts: dict[str, int]
    shares: dict[str, float]
    top_reasons: list[tuple[str, int]]


class SummaryOut(Schema):
    date_from: datetime.date
    date_to: datetime.date
    by: str
    total: GroupOut
    groups: list[GroupOut]
    reasons: list[tuple[str, int]]


def _group(row: queries.Row) -> dict:
    return {"key": row.key, "label": str(row.label), "total": row.n, "counts": row.counts,
            "shares": {level: round(row.share(level), 1) for level in Level.values}, "top_reasons": row.reasons}


@router.get("/summary", auth=official_auth, response={200: SummaryOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            summary="Thống kê mức độ hài lòng theo cán bộ, quầy, bộ phận, cơ quan hoặc lĩnh vực")
def summary(request, filters: Query[SummaryFilters]):
    """Counts and shares of each level for the period (by default the last 180 days), grouped by `by`
    (official, counter, desk, agency, sector); the filters are those of the dashboard page."""
    if not is_official(request.user):
        raise DomainError("forbidden", _("Chỉ cán bộ mới xem được thống kê đánh giá."), status=403)
    # Named filters are checked against the scope by the page's own reader of the query string.
    try:
        selection = select(request)
    except Http404:
        raise DomainError("not_found", _("Không tìm thấy đối tượng thống kê, hoặc không thuộc phạm vi của bạn."),
                          status=404) from None
    if not isinstance(selection, Selection):
        errors = {name: [str(e) for e in errs] for name, errs in selection.errors.items()}
        first = next(iter(errors.values()))[0]
        raise DomainError("invalid_filter", first, status=422, errors=errors)
    return {"date_from": selection.date_from, "date_to": selection.date_to, "by": selection.by,
            "total": _group(queries.totals(selection.qs)),
            "groups": [_group(row) for row in queries.summary(selection.qs, selection.by)],
            "reasons": queries.reasons(selection.qs)[:10]}

