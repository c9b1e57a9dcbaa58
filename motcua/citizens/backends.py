from allauth.account.auth_backends import AuthenticationBackend


class CitizenAuthenticationBackend(AuthenticationBackend):
    """allauth's email / phone + password check, for citizens' accounts and the citizens' form only.

    allauth's backend also treats a `username` credential as a possible email address; the officials'
    form and the API token door pass `username`, and they keep Django's username-only check. An
    official's account does not sign in here even with its email address.
    """

    def _authenticate(self, request, **credentials):
        credentials.pop("username", None)
        return super()._authenticate(request, **credentials)

    def _check_password(self, user, password):
        from .models import CitizenProfile

        if user is not None and not CitizenProfile.objects.filter(user=user).exists():
            user = None  # the caller then hashes a dummy password, so the answer takes as long
        return super()._check_password(user, password)
