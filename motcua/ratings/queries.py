"""The dashboards' figures: ratings grouped by official, counter, desk, agency or sector, and over time.

Every figure starts from the queryset the caller already restricted to the user's scope.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Level, RatingReason

# Grouping: the key to group by, and the fields that name a group.
GROUPS = {
    "official": ("official_id", ("official__full_name", "official__username")),
    "counter": ("counter_id", ("counter__desk__name", "counter__number")),
    "desk": ("desk_id", ("desk__name",)),
    "agency": ("agency_id", ("agency__name",)),
    "sector": ("dossier__procedure__sector_id", ("dossier__procedure__sector__name",)),
}
GROUP_LABELS = {
    "official": gettext_lazy("Cán bộ"), "counter": gettext_lazy("Quầy"), "desk": gettext_lazy("Bộ phận một cửa"),
    "agency": gettext_lazy("Cơ quan"), "sector": gettext_lazy("Lĩnh vực"),
}
PERIODS = {"week": TruncWeek, "month": TruncMonth}
TOP_REASONS = 3


@dataclass
class Row:
    key: int | None
    label: str
    n: int
    counts: dict[str, int]
    reasons: list[tuple[str, int]] = field(default_factory=list)

    def share(self, level: str) -> float:
        return 100.0 * self.counts.get(level, 0) / self.n if self.n else 0.0

    @property
    def shares(self) -> list[tuple[str, str, int, float]]:
        return [(level, label, self.counts.get(level, 0), self.share(level)) for level, label in Level.choices]


def level_counts() -> dict:
    return {level: Count("pk", filter=Q(level=level)) for level in Level.values}


def _label(by: str, values: dict) -> str:
    names = [values.get(name) for name in GROUPS[by][1]]
    if by == "official":
        return names[0] or names[1] or ""
    if by == "counter":
        return _("%(desk)s — quầy %(number)s") % {"desk": names[0], "number": names[1]} if names[1] else _("(không qua quầy)")
    return names[0] or _("(không xác định)")


def summary(qs: QuerySet, by: str) -> list[Row]:
    key, names = GROUPS[by]
    rows = qs.order_by().values(key, *names).annotate(n=Count("pk"), **level_counts()).order_by("-n", key)
    result = [Row(key=r[key], label=_label(by, r), n=r["n"], counts={lv: r[lv] for lv in Level.values}) for r in rows]
    by_key = {row.key: row for row in result}
    top: dict = defaultdict(list)
    links = (RatingReason.objects.filter(rating__in=qs.order_by().values("pk")).order_by()
             .values(f"rating__{key}", "reason__text").annotate(n=Count("pk")).order_by("-n", "reason__text"))
    for link in links:
        top[link[f"rating__{key}"]].append((link["reason__text"], link["n"]))
    for group, reasons in top.items():
        if group in by_key:
            by_key[group].reasons = reasons[:TOP_REASONS]
    return result


def totals(qs: QuerySet) -> Row:
    r = qs.order_by().aggregate(n=Count("pk"), **level_counts())
    return Row(key=None, label=_("Tổng cộng"), n=r["n"], counts={lv: r[lv] for lv in Level.values})


def reasons(qs: QuerySet) -> list[tuple[str, int]]:
    links = (RatingReason.objects.filter(rating__in=qs.order_by().values("pk")).order_by()
             .values("reason__text").annotate(n=Count("pk")).order_by("-n", "reason__text"))
    return [(link["reason__text"], link["n"]) for link in links]


def trend(qs: QuerySet, period: str) -> list[tuple[datetime.date, dict[str, int]]]:
    """Counts per level per week (from Monday) or per month, in local time."""
    trunc = PERIODS[period]("at", tzinfo=timezone.get_current_timezone())
    rows = qs.order_by().annotate(bucket=trunc).values("bucket").annotate(**level_counts()).order_by("bucket")
    result = []
    for r in rows:
        bucket = r["bucket"]
        day = timezone.localtime(bucket).date() if isinstance(bucket, datetime.datetime) else bucket
        result.append((day, {lv: r[lv] for lv in Level.values}))
    return result


def bucket_label(day: datetime.date, period: str) -> str:
    return day.strftime("%m/%Y") if period == "month" else day.strftime("%d/%m/%Y")


def comments(qs: QuerySet, limit: int | None = None) -> QuerySet:
    """The ratings that carry a comment, newest first: what citizens wrote, for leaders to read."""
    found = (qs.exclude(comment="").select_related("official", "dossier__procedure", "counter__desk")
             .order_by("-at", "-pk"))
    return found[:limit] if limit else found
