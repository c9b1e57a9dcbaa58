"""Catalog search: diacritic- and case-insensitive, every word required, best matches first.

Rank (lower is better), then name, then code:
  0  the name is exactly the query           "cap giay phep xay dung"
  1  the name starts with the query           "cap giay phep xay dung" in "Cấp giấy phép xây dựng nhà ở"
  2  the name contains the query at a word    "phep xay dung"
  3  every word is there, scattered over the name, code and sector

Only plain LIKE, CASE and ORDER BY, so SQLite and PostgreSQL give the same rows in the same order:
the stored keys are lower-case ASCII (see `core.text.search_key`) and the name is sorted in the
"C" collation on PostgreSQL, which orders ASCII exactly as SQLite's default BINARY does.
"""

from __future__ import annotations

import datetime

from django.db import connections
from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from motcua.core.text import search_key
from motcua.directory.models import Agency

from .models import OnlineLevel, Procedure

MAX_QUERY_CHARS = 200
MAX_TOKENS = 12


def query_tokens(q: str | None) -> tuple[str, list[str]]:
    """The normalised phrase and its distinct words, in order."""
    phrase = search_key((q or "")[:MAX_QUERY_CHARS])
    tokens = list(dict.fromkeys(phrase.split()))[:MAX_TOKENS]
    return phrase, tokens


def _level_at(day: datetime.date, agency_id: int | None):
    rows = OnlineLevel.objects.filter(procedure=OuterRef("pk"), effective_from__lte=day)
    rows = rows.filter(agency_id=agency_id) if agency_id else rows.filter(agency__isnull=True)
    return Subquery(rows.order_by("-effective_from").values("level")[:1], output_field=IntegerField())


def current_level(day: datetime.date, agency_id: int | None = None):
    """The online level in force: the agency's own row if it has one, else the general one, else 1."""
    parts = [_level_at(day, agency_id)] if agency_id else []
    return Coalesce(*parts, _level_at(day, None), Value(1), output_field=IntegerField())


def _sortable(field: str, db: str):
    if connections[db].vendor == "postgresql":
        return Collate(F(field), "C")
    return F(field)


def search_procedures(
    q: str | None = "",
    *,
    sector: str | None = None,
    agency: str | None = None,
    level: int | None = None,
    day: datetime.date | None = None,
    queryset: QuerySet | None = None,
) -> QuerySet:
    """Active procedures matching the query and filters, best first; `sector`/`agency` are codes.

    Rows do not carry their online level: pass the page through `with_levels`.
    """
    day = day or timezone.localdate()
    qs = (queryset if queryset is not None else Procedure.objects.active()).select_related("sector")
    agency_id = None
    if agency:
        agency_id = Agency.objects.filter(code=agency.strip().upper()).values_list("pk", flat=True).first()
        if agency_id is None:
            return qs.none()
        qs = qs.filter(agencies=agency_id)
    if sector:
        qs = qs.filter(sector__code=sector.strip())
    if level is not None:
        qs = qs.alias(level_now=current_level(day, agency_id)).filter(level_now=level)

    phrase, tokens = query_tokens(q)
    for token in tokens:
        # search_text is space-padded: " token" matches at the start of any word.
        qs = qs.filter(search_text__contains=f" {token}")
    if tokens:
        rank = Case(
            When(search_key=phrase, then=Value(0)),
            When(search_key__startswith=phrase, then=Value(1)),
            When(Q(search_key__contains=f" {phrase}"), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    else:
        rank = Value(0, output_field=IntegerField())
    return qs.alias(rank=rank).order_by("rank", _sortable("search_key", qs.db), _sortable("code", qs.db))


def with_levels(procedures, *, agency: str | None = None, day: datetime.date | None = None) -> list[Procedure]:
    """The page's procedures, each with `current_level` set (at `agency`, a code, when given).

    One small query for the page only: a level subquery in the search itself would run for
    every match before the sort.
    """
    procedures = list(procedures)
    day = day or timezone.localdate()
    agency_id = None
    if agency:
        agency_id = Agency.objects.filter(code=agency.strip().upper()).values_list("pk", flat=True).first()
    rows = (
        OnlineLevel.objects.filter(procedure_id__in=[p.pk for p in procedures], effective_from__lte=day)
        .filter(Q(agency__isnull=True) | Q(agency_id=agency_id))
        .order_by("effective_from")
        .values_list("procedure_id", "agency_id", "level")
    )
    general, specific = {}, {}
    for procedure_id, row_agency, level in rows:  # oldest first: the latest in force wins
        (specific if row_agency else general)[procedure_id] = level
    for procedure in procedures:
        procedure.current_level = specific.get(procedure.pk) or general.get(procedure.pk) or 1
    return procedures


def get_public_procedure(code: str) -> Procedure | None:
    """One active procedure with everything its public sheet shows, in a fixed number of queries."""
    procedure = (
        Procedure.objects.active()
        .select_related("sector")
        .prefetch_related("agencies", "fees", "documents", "online_levels__agency")
        .filter(code=code)
        .first()
    )
    return with_levels([procedure])[0] if procedure else None
