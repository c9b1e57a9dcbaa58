from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VneidSandboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "motcua.vneidsandbox"
    verbose_name = _("VNeID thử nghiệm")
