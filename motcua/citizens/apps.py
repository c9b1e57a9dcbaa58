from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "motcua.citizens"
    verbose_name = _("Tài khoản công dân")

    def ready(self):
        from . import signals  # noqa: F401  (keeps VNeID identities up to date at each sign-in)
