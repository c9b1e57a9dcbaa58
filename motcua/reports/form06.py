"""Form 06 for a period and an agency subtree: rows by level, then sector, with a total.

Figures come from the day and month totals (totals.py); each (agency, procedure) lands under the
level of the agency as it was, or of today's successor when history is rolled up, and under the
procedure's sector.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import Procedure, Sector

from . import totals
from .layout import Layout, layout_for
from .periods import Period
from .scope import Tree

BASE = ("carried", "received_online", "received_walk_in", "received_post", "early", "on_time", "late",
        "withdrawn", "stopped", "pending", "overdue")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def derived(base: Counter) -> dict[str, int]:
    v = {k: int(base[k]) for k in BASE}
    v["received_direct"] = v["received_walk_in"] + v["received_post"]
    v["received"] = v["received_online"] + v["received_direct"]
    v["total"] = v["carried"] + v["received"]
    v["resolved"] = v["early"] + v["on_time"] + v["late"]
    v["pending_on_time"] = v["pending"] - v["overdue"]
    return v


@dataclass
class Line:
    kind: str  # "level", "sector" or "total"
    number: str
    label: str
    values: dict[str, int]
    code: str = ""  # the level's or the sector's code (the API names rows by it)


@dataclass
class Form06:
    period: Period
    agency_label: str
    mode: str
    layout: Layout
    lines: list[Line] = field(default_factory=list)
    made_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def total(self) -> dict[str, int]:
        return self.lines[-1].values


def build(period: Period, *, tree: Tree, agencies: set[int] | None, mode: str, agency_label: str,
          sector: Sector | None = None) -> Form06:
    procedures = None if sector is None else list(Procedure.objects.filter(sector=sector).values_list("pk", flat=True))
    figures = totals.sums(period.start, period.end, agencies, procedures)
    sector_of = dict(Procedure.objects.filter(pk__in={p for _a, p in figures}).values_list("pk", "sector_id"))
    sectors = Sector.objects.in_bulk(set(sector_of.values()))
    grouped: dict = {}
    for (agency_id, procedure_id), values in figures.items():
        level = tree.target(agency_id, mode).level
        bucket = grouped.setdefault(level, {}).setdefault(sectors[sector_of[procedure_id]], Counter())
        bucket.update({k: values[k] for k in BASE})
    report = Form06(period, agency_label, mode, layout_for(period.end))
    grand = Counter()
    levels = sorted(grouped, key=lambda lv: (lv.rank, lv.code))
    for index, level in enumerate(levels):
        subtotal = Counter()
        rows = []
        for number, sector in enumerate(sorted(grouped[level], key=lambda s: s.name), start=1):
            subtotal.update(grouped[level][sector])
            rows.append(Line("sector", str(number), sector.name, derived(grouped[level][sector]), sector.code))
        grand.update(subtotal)
        roman = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        report.lines.append(Line("level", roman, level.name, derived(subtotal), level.code))
        report.lines.extend(rows)
    report.lines.append(Line("total", "", _("Tổng cộng"), derived(grand)))
    return report
