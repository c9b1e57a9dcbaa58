"""The ratings dashboard: the table by official, counter, desk, agency or sector; trend and share charts;
the Excel export of the same table; the per-agency evaluation of the quarter."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from motcua.directory.models import Agency
from motcua.directory.permissions import principal_for

from .. import charts, exports, queries
from ..evaluation.compute import agencies_with_data, evaluate, quarter_of
from ..filters import Selection, select
from ..models import Level
from ..scopes import LEADERS
from .common import official_area, ratings_render


def evaluation_agencies(user, selection: Selection, year: int, quarter: int) -> list[int]:
    """The agencies whose evaluation the user reads: a leader's own, the province's for its overseers."""
    p = principal_for(user)
    own = sorted({pk for kind in LEADERS for pk in p.by_kind.get(kind, ())})
    chosen = selection.objects.get("agency")
    if chosen is not None:
        return [chosen.pk] if p.reads_everything or chosen.pk in p.agencies(*LEADERS) else []
    return agencies_with_data(year, quarter) if p.reads_everything else own


def _evaluations(user, selection: Selection) -> dict:
    year, quarter = quarter_of(selection.date_to)
    ids = evaluation_agencies(user, selection, year, quarter)
    names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = evaluate(ids, year, quarter)
    for row in rows:
        row.name = names.get(row.agency_id, "")
    return {"evaluations": rows, "year": year, "quarter": quarter}


COMMENTS_SHOWN = 20  # the newest; the Excel export lists them all


@require_GET
@official_area
def dashboard(request):
    selection = select(request)
    if not isinstance(selection, Selection):
        return ratings_render(request, "ratings/office/dashboard.html", {"form": selection}, status=422)
    rows = queries.summary(selection.qs, selection.by)
    for row in rows:
        row.link = "?" + selection.query(**{selection.by: row.key}) if row.key is not None else ""
    query = selection.query()
    return ratings_render(request, "ratings/office/dashboard.html", {
        "form": selection.form, "selection": selection, "rows": rows, "total": queries.totals(selection.qs),
        "reasons": queries.reasons(selection.qs)[:10], "levels": Level.choices, "query": query,
        "comments": queries.comments(selection.qs, COMMENTS_SHOWN),
        "group_label": queries.GROUP_LABELS[selection.by],
        "trend_url": reverse("ratings:chart", kwargs={"kind": "xu-huong"}) + "?" + query,
        "share_url": reverse("ratings:chart", kwargs={"kind": "ty-le"}) + "?" + query,
        "export_url": reverse("ratings:export") + "?" + query,
        **_evaluations(request.user, selection),
    })


# An SVG shown through <img> runs no script; pygal styles it with an inline <style>, which the SVG
# response alone allows (scripts stay refused). Pages, the 404 page of this view included, keep the strict policy.
SVG_POLICY = {"default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "script-src": ["'none'"]}


@require_GET
@official_area
def chart(request, kind: str):
    selection = select(request)
    if not isinstance(selection, Selection):
        return HttpResponse(status=400)
    if kind == "xu-huong":
        svg = charts.trend_svg(queries.trend(selection.qs, selection.period), selection.period)
    elif kind == "ty-le":
        svg = charts.share_svg(queries.totals(selection.qs))
    else:
        return HttpResponse(status=404)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response._csp_replace = SVG_POLICY  # what csp.decorators.csp_replace sets, for this response only
    return response


@require_GET
@official_area
def export(request):
    selection = select(request)
    if not isinstance(selection, Selection):
        return HttpResponse(status=400)
    body = exports.workbook(selection, queries.summary(selection.qs, selection.by), queries.totals(selection.qs),
                            queries.trend(selection.qs, selection.period), queries.comments(selection.qs))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"danh-gia-{selection.date_from:%Y%m%d}-{selection.date_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
