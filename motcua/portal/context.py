"""Whether the signed-in person is an official (the office menu) or a citizen (the portal menu)."""

from motcua.directory.models import RoleKind
from motcua.directory.permissions import principal_for


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_official": False, "is_citizen": False, "sees_statistics": False}
    principal = principal_for(user)
    official = bool(user.is_staff or principal.sees_everything or principal.by_kind)
    leads = principal.reads_everything or principal.has_role(RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)
    return {"is_official": official, "is_citizen": not official, "sees_statistics": leads}
