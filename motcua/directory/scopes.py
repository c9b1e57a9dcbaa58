"""Who may see and change agencies, officials, roles and desks."""

from django.db.models import Q

from .models import Agency, Counter, Desk, Role, RoleKind, User
from .permissions import CHANGE, VIEW, Principal, register_scope

ADMIN = RoleKind.AGENCY_ADMIN
LEADERS = (RoleKind.AGENCY_LEADER, RoleKind.HEAD_OF_DIVISION)


@register_scope(Agency)
def agency_scope(p: Principal, action: str):
    if action == VIEW and p.by_kind:
        return Q()  # the list of agencies is public knowledge to any official
    if action == CHANGE and p.has_role(ADMIN):
        return Q(pk__in=p.agencies(ADMIN))
    return None


@register_scope(Desk)
def desk_scope(p: Principal, action: str):
    if action == VIEW and p.by_kind:
        return Q()
    if action == CHANGE and p.has_role(ADMIN):
        return Q(agency_id__in=p.agencies(ADMIN))
    return None


@register_scope(Counter)
def counter_scope(p: Principal, action: str):
    condition = desk_scope(p, action)
    if condition is None or condition == Q():
        return condition
    return Q(desk__agency_id__in=p.agencies(ADMIN))


@register_scope(Role)
def role_scope(p: Principal, action: str):
    if action == VIEW:
        agencies = p.agencies(ADMIN, *LEADERS)
        return Q(agency_id__in=agencies) | Q(user_id=p.user.pk)
    if action == CHANGE and p.has_role(ADMIN):
        return Q(agency_id__in=p.agencies(ADMIN))
    return None


@register_scope(User)
def user_scope(p: Principal, action: str):
    if action == VIEW:
        agencies = p.agencies(ADMIN, *LEADERS)
        return Q(pk=p.user.pk) | Q(pk__in=Role.objects.filter(agency_id__in=agencies).values("user_id"))
    if action == CHANGE and p.has_role(ADMIN):
        # An agency administrator manages the officials who work only in their agencies, never
        # someone who also holds a role elsewhere (that would reach into another agency).
        outside = Role.objects.exclude(agency_id__in=p.agencies(ADMIN)).values("user_id")
        inside = Role.objects.filter(agency_id__in=p.agencies(ADMIN)).values("user_id")
        return Q(pk__in=inside, is_superuser=False) & ~Q(pk__in=outside)
    return None
