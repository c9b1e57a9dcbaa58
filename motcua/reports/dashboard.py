"""The leader's dashboard: the period's flows and stocks, rates, online services, satisfaction,
processing time per procedure, and the dossiers overdue now with the step and official holding them."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext as _

from motcua.catalog import formatting
from motcua.catalog.models import Procedure
from motcua.directory.permissions import VIEW, restrict
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import overdue_q

from . import charts, periods, totals
from .form06 import BASE, derived
from .periods import Period
from .scope import Tree

DAY = 86400
OVERDUE_LIST = 20
TOP_PROCEDURES = 20
EXTRA = ("paid", "paid_online", "digitised", "resolved_seconds", "allowed_seconds")


def share(part, whole):
    return part / whole if whole else None


def _coverage(by_pair: dict, tree: Tree, ids, period: Period, procedure_ids) -> dict:
    """Level 3/4: procedures offered so by an agency in scope, and the dossiers received for them."""
    pairs = Procedure.agencies.through.objects.filter(procedure__is_active=True)
    if ids is not None:
        pairs = pairs.filter(agency_id__in=ids)
    if procedure_ids is not None:
        pairs = pairs.filter(procedure_id__in=procedure_ids)
    offered = {(p, a) for p, a in pairs.values_list("procedure_id", "agency_id")
               if a in tree.by_id and tree.by_id[a].is_active(period.end)}
    needed = {p for p, _a in offered} | {p for _a, p in by_pair}
    procedures = Procedure.objects.filter(pk__in=needed).prefetch_related("online_levels").in_bulk()
    online = {p for p, a in offered if procedures[p].level_for(tree.by_id.get(a), period.end) >= 3}
    received = sum(f["received"] for f in by_pair.values())
    received_online_level = sum(f["received"] for (a, p), f in by_pair.items()
                                if procedures[p].level_for(tree.by_id.get(a), period.end) >= 3)
    all_procedures = {p for p, _a in offered}
    return {"procedures": len(all_procedures), "procedures_online": len(online),
            "procedures_share": share(len(online), len(all_procedures)),
            "dossiers_share": share(received_online_level, received)}


def _satisfaction(period: Period, ids) -> dict | None:
    if not apps.is_installed("motcua.ratings"):
        return None
    from motcua.ratings.models import Level, Rating

    from .direct import midnight

    end = midnight(period.end + datetime.timedelta(days=1))
    ratings = Rating.objects.filter(at__gte=midnight(period.start), at__lt=end)
    if ids is not None:
        ratings = ratings.filter(agency_id__in=ids)
    levels = dict(ratings.values_list("level").annotate(n=Count("pk")).order_by())
    total = sum(levels.values())
    happy = levels.get(Level.VERY_SATISFIED, 0) + levels.get(Level.SATISFIED, 0)
    return {"total": total, "share": share(happy, total), "levels": levels}


def _procedure_rows(per_procedure: dict[int, Counter]) -> list[dict]:
    ranked = sorted(per_procedure.items(), key=lambda kv: (-kv[1]["received"] - kv[1]["resolved"], kv[0]))
    ranked = ranked[:TOP_PROCEDURES]
    procedures = Procedure.objects.in_bulk([p for p, _c in ranked])
    rows = []
    for pk, c in ranked:
        procedure = procedures[pk]
        rows.append({
            "procedure": procedure, "received": c["received"], "resolved": c["resolved"],
            "on_time": share(c["early"] + c["on_time"], c["resolved"]),
            "days": share(c["resolved_seconds"], c["resolved"] * DAY),
            "allowed_days": share(c["allowed_seconds"], c["resolved"] * DAY),
            "used": share(c["resolved_seconds"], c["allowed_seconds"]),
            "limit": formatting.time_limit_text(procedure),
        })
    return rows


def overdue_now(user, ids, procedure_ids):
    """The dossiers overdue now (not at the period's end) in the selection, the longest overdue first."""
    qs = restrict(Dossier.objects.all(), user, VIEW).filter(overdue_q())
    if ids is not None:
        qs = qs.filter(competent_agency_id__in=ids)
    if procedure_ids is not None:
        qs = qs.filter(procedure_id__in=procedure_ids)
    return qs.select_related("procedure", "competent_agency", "current_step", "assignee").order_by("due_at", "code")


def _overdue(user, ids, procedure_ids):
    qs = overdue_now(user, ids, procedure_ids)
    return qs.count(), list(qs[:OVERDUE_LIST])


def _charts(period: Period, ids, procedure_ids, total: dict) -> dict:
    months = totals.series(period.start, period.end, ids, procedure_ids)
    # An official month is named by the month it ends in (15/6–14/7 is "7/2025").
    labels = [(periods.next_month_start(m) - datetime.timedelta(days=1)).strftime("%m/%Y") for m in months]
    return {
        "flow": charts.bars(_("Tiếp nhận và giải quyết theo tháng"), labels, [
            (_("Tiếp nhận"), [months[m]["received"] for m in months]),
            (_("Đã giải quyết"), [months[m]["resolved"] for m in months]),
        ]),
        "outcomes": charts.donut(_("Kết quả giải quyết trong kỳ"), [
            (_("Trước hạn"), total["early"]), (_("Đúng hạn"), total["on_time"]), (_("Quá hạn"), total["late"]),
            (_("Rút hồ sơ"), total["withdrawn"]), (_("Dừng xử lý"), total["stopped"]),
        ]),
    }


def tiles(period: Period, *, tree: Tree, ids, procedure_ids) -> tuple[dict, dict[int, Counter]]:
    """The key figures (totals, rates, level 3/4 coverage, satisfaction), and the figures per procedure."""
    figures = totals.sums(period.start, period.end, ids, procedure_ids)
    grand, per_procedure = Counter(), defaultdict(Counter)
    for (_agency, procedure), values in figures.items():
        grand.update(values)
        per_procedure[procedure].update(values)
    total = derived(Counter({k: grand[k] for k in BASE})) | {k: grand[k] for k in EXTRA}
    return {
        "total": total,
        "rates": {
            "on_time": share(total["early"] + total["on_time"], total["resolved"]),
            "online": share(total["received_online"], total["received"]),
            "paid_online": share(total["paid_online"], total["paid"]),
            "digitised": share(total["digitised"], total["received"]),
        },
        "coverage": _coverage(figures, tree, ids, period, procedure_ids),
        "satisfaction": _satisfaction(period, ids),
        "satisfaction_available": apps.is_installed("motcua.ratings"),
    }, per_procedure


def build(user, period: Period, *, tree: Tree, ids, procedure_ids) -> dict:
    data, per_procedure = tiles(period, tree=tree, ids=ids, procedure_ids=procedure_ids)
    overdue_count, overdue = _overdue(user, ids, procedure_ids)
    return data | {
        "procedures": _procedure_rows(per_procedure),
        "overdue_now": overdue, "overdue_now_count": overdue_count,
        "charts": _charts(period, ids, procedure_ids, data["total"]),
    }
