"""What the portal's pages share: the citizen's sign-in requirement and their own dossiers."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from motcua.dossiers.models import Dossier


def sign_in_url() -> str:
    # The citizens' sign-in (VNeID first); the officials' page only when the citizens' app is absent.
    try:
        return reverse("account_login")
    except NoReverseMatch:
        return reverse("directory:login")


def citizen_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), sign_in_url())
        return view(request, *args, **kwargs)

    return wrapper


def own_dossiers(user):
    """A citizen sees the dossiers of their account only; anything else answers 404."""
    return Dossier.objects.filter(account=user).select_related("procedure", "competent_agency", "receiving_agency")


def own_dossier(user, code: str) -> Dossier:
    dossier = own_dossiers(user).select_related("owner").filter(code=code).first()
    if dossier is None:
        raise Http404(code)
    return dossier
