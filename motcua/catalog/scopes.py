"""Who may change the catalog: the catalog is public to read; an agency administrator edits the
procedures their agency is competent for, and the internal processes of their own agency."""

from django.db.models import Q

from motcua.directory.models import RoleKind
from motcua.directory.permissions import CHANGE, VIEW, Principal, register_scope

from .models import Procedure, ProcessVersion

ADMIN = RoleKind.AGENCY_ADMIN


@register_scope(Procedure)
def procedure_scope(p: Principal, action: str):
    if action == VIEW and p.by_kind:
        return Q()
    if action == CHANGE and p.has_role(ADMIN):
        return Q(pk__in=Procedure.objects.filter(agencies__in=p.agencies(ADMIN)).values("pk"))
    return None


@register_scope(ProcessVersion)
def process_scope(p: Principal, action: str):
    if action == VIEW and p.by_kind:
        return Q()
    if action == CHANGE and p.has_role(ADMIN):
        return Q(agency_id__in=p.agencies(ADMIN))
    return None
