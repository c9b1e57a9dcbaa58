from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "motcua.ratings"
    verbose_name = _("Đánh giá sự hài lòng")

    def ready(self):
        from motcua.dossiers.printing.qr import RECEIPT_LINKS

        from . import receivers, scopes  # noqa: F401  (connects the receivers, registers the scopes)
        from .tokens import receipt_link

        RECEIPT_LINKS.append(receipt_link)
