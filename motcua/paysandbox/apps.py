from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaySandboxConfig(AppConfig):
    name = "motcua.paysandbox"
    label = "paysandbox"
    verbose_name = _("Cổng thanh toán thử nghiệm (VNPay)")
