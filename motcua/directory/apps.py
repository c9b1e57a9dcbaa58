from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "motcua.directory"
    verbose_name = _("Cơ quan và cán bộ")

    def ready(self):
        from . import scopes  # noqa: F401  (registers the scope functions)
