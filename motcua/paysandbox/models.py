from django.db import models
from django.utils.translation import gettext_lazy as _


class SandboxTransaction(models.Model):
    """The sandbox's own ledger, kept apart from the merchant's so that reconciliation has
    something independent to compare with."""

    tmn_code = models.CharField(max_length=32)
    txn_ref = models.CharField(max_length=100)
    amount = models.PositiveBigIntegerField(_("số tiền (x100)"))
    order_info = models.CharField(max_length=255, blank=True)
    return_url = models.URLField(max_length=1000)
    transaction_no = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=16, default="pending")  # pending | approved | cancelled
    response_code = models.CharField(max_length=4, blank=True)
    bank_code = models.CharField(max_length=20, default="NCB")
    pay_date = models.CharField(max_length=14, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giao dịch thử nghiệm")
        verbose_name_plural = _("giao dịch thử nghiệm")
        constraints = [models.UniqueConstraint(fields=["tmn_code", "txn_ref"], name="sandbox_txn_once")]

    def __str__(self):
        return f"{self.tmn_code}/{self.txn_ref}"
