from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    verbose_name = _("Thủ tục hành chính")

    def ready(self):
        from . import scopes  # noqa: F401  (registers the scope functions)
