"""Apply the rules in force to one quarter: what the dossiers say, what was entered, the total, the band.

Dossier indicators are the mean over the agency's dossiers finished in the quarter (status "result
ready" or "returned", `finished_at` in the quarter), each dossier scored 0–2:
- total_time: 2 finished on a day before the legal due date, 1 by the due date, 0 late;
- agency_time: 2 unless a coordinating agency answered after its deadline;
- contacts: 2 no supplement request, 1 one, 0 more;
- one_stop: 1 for reception through a desk (or online), 1 for the result handed over by the desk.
attitude is the mean of the quarter's ratings; online scores the share of dossiers received online.
An indicator with nothing to measure, or not entered, is None: it adds 0 and the row is incomplete.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone

from motcua.dossiers.models import Channel, Coordination, Dossier, Pause, PauseKind
from motcua.dossiers.workflow import Status

from ..models import IndicatorScore, Level, Rating
from . import rules_for
from .rules import Band, Rules

TWO_PLACES = Decimal("0.01")


@dataclass
class Score:
    code: str
    label: str
    source: str
    value: Decimal | None


@dataclass
class AgencyEvaluation:
    agency_id: int
    scores: list[Score]
    total: Decimal
    band: Band
    complete: bool
    dossiers: int
    ratings: int


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_range(year: int, quarter: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    tz = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time(), tz), datetime.datetime.combine(end, datetime.time(), tz))


def _mean(points: Decimal, n: int) -> Decimal | None:
    return (points / n).quantize(TWO_PLACES, ROUND_HALF_UP) if n else None


def _finished(agency_ids, start, end):
    """Dossiers with a result in the quarter; `agency_ids` None: every agency's."""
    qs = Dossier.objects.filter(status__in=[Status.RESULT_READY, Status.RETURNED], finished_at__gte=start,
                                finished_at__lt=end)
    return qs if agency_ids is None else qs.filter(competent_agency_id__in=agency_ids)


def dossier_indicators(agency_ids, start, end) -> dict[int, dict]:
    tz = timezone.get_current_timezone()
    finished = _finished(agency_ids, start, end)
    early = LessThan(TruncDate("finished_at", tzinfo=tz), TruncDate("due_at", tzinfo=tz))
    rows = finished.order_by().values("competent_agency_id").annotate(
        n=Count("pk"), early=Count("pk", filter=Q(early)), on_time=Count("pk", filter=Q(finished_at__lte=F("due_at"))),
        at_desk=Count("pk", filter=Q(desk__isnull=False) | Q(channel=Channel.ONLINE)),
        returned=Count("pk", filter=Q(returned_at__isnull=False)),
    )
    result = {row["competent_agency_id"]: dict(row) for row in rows}
    late = (Coordination.objects.filter(dossier__in=finished).filter(Q(answered_at__isnull=True)
                                                                     | Q(answered_at__gt=F("deadline")))
            .order_by().values("dossier__competent_agency_id").annotate(n=Count("dossier", distinct=True)))
    for row in late:
        result[row["dossier__competent_agency_id"]]["late_agency"] = row["n"]
    supplements = (Pause.objects.filter(dossier__in=finished, kind=PauseKind.SUPPLEMENT).order_by()
                   .values("dossier_id", "dossier__competent_agency_id").annotate(n=Count("pk")))
    for row in supplements:
        key = "one_supplement" if row["n"] == 1 else "more_supplements"
        counts = result[row["dossier__competent_agency_id"]]
        counts[key] = counts.get(key, 0) + 1
    return result


def computed_scores(rules: Rules, agency_ids, start, end) -> dict[int, dict[str, Decimal | None]]:
    scores: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    for agency_id, c in dossier_indicators(agency_ids, start, end).items():
        n = c["n"]
        ones, manys = c.get("one_supplement", 0), c.get("more_supplements", 0)
        scores[agency_id].update({
            "total_time": _mean(Decimal(2 * c["early"] + (c["on_time"] - c["early"])), n),
            "agency_time": _mean(Decimal(2 * (n - c.get("late_agency", 0))), n),
            "contacts": _mean(Decimal(2 * (n - ones - manys) + ones), n),
            "one_stop": _mean(Decimal(c["at_desk"] + c["returned"]), n),
        })
    points = rules.level_points
    ratings = (Rating.objects.filter(agency_id__in=agency_ids, at__gte=start, at__lt=end).order_by()
               .values("agency_id").annotate(n=Count("pk"), **{lv: Count("pk", filter=Q(level=lv))
                                                              for lv in Level.values}))
    for row in ratings:
        total = sum(points[lv] * row[lv] for lv in Level.values)
        scores[row["agency_id"]]["attitude"] = _mean(Decimal(total), row["n"])
        scores[row["agency_id"]]["_ratings"] = row["n"]
    received = (Dossier.objects.filter(competent_agency_id__in=agency_ids, accepted_at__gte=start, accepted_at__lt=end)
                .order_by().values("competent_agency_id")
                .annotate(n=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE))))
    for row in received:
        share = Decimal(row["online"]) / row["n"]
        scores[row["competent_agency_id"]]["online"] = Decimal(rules.online_points(share)).quantize(TWO_PLACES)
    return scores


def evaluate(agency_ids, year: int, quarter: int) -> list[AgencyEvaluation]:
    start, end = quarter_range(year, quarter)
    rules = rules_for(start.date())
    computed = computed_scores(rules, agency_ids, start, end)
    entered: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in IndicatorScore.objects.filter(agency_id__in=agency_ids, year=year, quarter=quarter,
                                             indicator__in=rules.entered_codes()):
        entered[row.agency_id][row.indicator] = row.score
    counts = {row["competent_agency_id"]: row["n"] for row in _finished(agency_ids, start, end).order_by()
              .values("competent_agency_id").annotate(n=Count("pk"))}
    result = []
    for agency_id in agency_ids:
        values = {**computed.get(agency_id, {}), **entered.get(agency_id, {})}
        scores = [Score(i.code, str(i.label), i.source, values.get(i.code)) for i in rules.indicators]
        total = sum((s.value for s in scores if s.value is not None), Decimal(0)).quantize(TWO_PLACES)
        result.append(AgencyEvaluation(
            agency_id=agency_id, scores=scores, total=total, band=rules.band(total),
            complete=all(s.value is not None for s in scores), dossiers=counts.get(agency_id, 0),
            ratings=computed.get(agency_id, {}).get("_ratings", 0),
        ))
    return result


def agencies_with_data(year: int, quarter: int) -> list[int]:
    """Agencies that have anything to evaluate in the quarter (the province view lists only these)."""
    start, end = quarter_range(year, quarter)
    ids = set(_finished(None, start, end).order_by().values_list("competent_agency_id", flat=True).distinct())
    ids |= set(Rating.objects.filter(at__gte=start, at__lt=end).order_by().values_list("agency_id", flat=True)
               .distinct())
    ids |= set(IndicatorScore.objects.filter(year=year, quarter=quarter).values_list("agency_id", flat=True))
    return sorted(ids)
