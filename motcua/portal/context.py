"""Whether the signed-in person is an official (the office menu) or a citizen (the portal menu)."""

from motcua.directory.permissions import principal_for


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_official": False, "is_citizen": False}
    principal = principal_for(user)
    official = bool(user.is_staff or principal.sees_everything or principal.by_kind)
    return {"is_official": official, "is_citizen": not official}
