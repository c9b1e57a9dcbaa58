"""Who sees which ratings (and the other rows of this app) through `restrict()`.

An official sees the ratings of their own work. Heads of division and agency leaders see their
agency's: ratings on dossiers their agency is competent for, and ratings given at their agency's
desks (a service centre's leader sees the counters they run). Province administrators and reform
supervisors see the province (restrict() lets them read everything); anyone else sees nothing.
"""

from django.db.models import Q

from motcua.directory.models import RoleKind
from motcua.directory.permissions import CHANGE, VIEW, Principal, register_scope

from .models import CounterSession, IndicatorScore, KioskDevice, Rating

LEADERS = (RoleKind.AGENCY_LEADER, RoleKind.HEAD_OF_DIVISION)
ADMIN = RoleKind.AGENCY_ADMIN


def rating_condition(p: Principal) -> Q:
    condition = Q(official_id=p.user.pk)
    agencies = p.agencies(*LEADERS)
    if agencies:
        condition |= Q(agency_id__in=agencies) | Q(desk__agency_id__in=agencies)
    return condition


@register_scope(Rating)
def rating_scope(p: Principal, action: str):
    return rating_condition(p) if action == VIEW and p.by_kind else None


@register_scope(CounterSession)
def session_scope(p: Principal, action: str):
    if action != VIEW:
        return None
    return Q(official_id=p.user.pk) | Q(counter__desk__agency_id__in=p.agencies(ADMIN, *LEADERS))


@register_scope(KioskDevice)
def device_scope(p: Principal, action: str):
    return Q(counter__desk__agency_id__in=p.agencies(ADMIN)) if p.has_role(ADMIN) else None


@register_scope(IndicatorScore)
def indicator_scope(p: Principal, action: str):
    if action == CHANGE:
        return Q(agency_id__in=p.agencies(ADMIN)) if p.has_role(ADMIN) else None
    return Q(agency_id__in=p.agencies(ADMIN, *LEADERS))
