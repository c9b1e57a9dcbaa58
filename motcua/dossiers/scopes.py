"""Who sees which dossiers (DESIGN.md, "Scope of restrict").

Desk officers: dossiers received at their desk's agency. Specialists, heads of division and
leaders: dossiers their agency is competent for, or is being asked to coordinate now. Citizens:
their own. Agency administrators configure; they do not read dossiers.
"""

from django.db.models import Q

from motcua.directory.models import RoleKind
from motcua.directory.permissions import VIEW, Principal, register_scope

from .models import Coordination, Dossier, DossierEvent, PersonalDataAccess, TurnedAwayVisit

PROCESSING = (RoleKind.SPECIALIST, RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)
MAX_LITERAL_IDS = 2000


def dossier_condition(p: Principal, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}account_id": p.user.pk})
    desk_agencies = p.agencies(RoleKind.DESK_OFFICER)
    if desk_agencies:
        condition |= Q(**{f"{prefix}receiving_agency_id__in": desk_agencies})
    processing = p.agencies(*PROCESSING)
    if processing:
        condition |= Q(**{f"{prefix}competent_agency_id__in": processing})
        # Open requests are few; a literal id list lets PostgreSQL combine two index scans, where an
        # OR with a subquery would make it filter every open dossier.
        asked = _asked(p, processing)
        if asked:
            condition |= Q(**{f"{prefix}pk__in": asked})
    return condition


def _asked(p: Principal, agencies: set[int]):
    """Dossiers the official's agencies are asked to coordinate now, looked up once per request."""
    if "asked" not in p.memo:
        pending = Coordination.objects.filter(agency_id__in=agencies, answered_at__isnull=True).order_by()
        ids = list(pending.values_list("dossier_id", flat=True)[: MAX_LITERAL_IDS + 1])
        p.memo["asked"] = ids if len(ids) <= MAX_LITERAL_IDS else pending.values("dossier_id")
    return p.memo["asked"]


@register_scope(Dossier)
def dossier_scope(p: Principal, action: str):
    return dossier_condition(p)


@register_scope(DossierEvent)
def event_scope(p: Principal, action: str):
    return dossier_condition(p, "dossier__") if action == VIEW else None


@register_scope(TurnedAwayVisit)
def turned_away_scope(p: Principal, action: str):
    return Q(desk__agency_id__in=p.agencies(RoleKind.DESK_OFFICER)) if action == VIEW else None


@register_scope(PersonalDataAccess, supervisors_read=False)
def access_log_scope(p: Principal, action: str):
    # Administrators read the log: the province's (everything, via restrict) and each agency's own;
    # a reform supervisor reads statistics, not who looked at whose personal data.
    if action != VIEW or not p.has_role(RoleKind.AGENCY_ADMIN):
        return None
    agencies = p.agencies(RoleKind.AGENCY_ADMIN)
    return Q(dossier__competent_agency_id__in=agencies) | Q(dossier__receiving_agency_id__in=agencies)
