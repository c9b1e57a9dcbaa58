from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import AppendOnlyEvent
from motcua.dossiers.models import Dossier


class Purpose(models.TextChoices):
    FEE = "fee", _("Phí, lệ phí")
    OBLIGATION = "obligation", _("Nghĩa vụ tài chính")


class AttemptStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")
    EXPIRED = "expired", _("Hết hạn")


class PaymentAttempt(models.Model):
    """One trip to the gateway. Each attempt has its own txn_ref: VNPay refuses a reused one."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payment_attempts",
                                verbose_name=_("hồ sơ"))
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices, default=Purpose.FEE)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    provider = models.CharField(_("cổng thanh toán"), max_length=32, default="vnpay")
    txn_ref = models.CharField(_("mã giao dịch của hệ thống"), max_length=64, unique=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=AttemptStatus.choices,
                              default=AttemptStatus.PENDING, db_index=True)
    transaction_no = models.CharField(_("mã giao dịch tại cổng thanh toán"), max_length=64, blank=True)
    bank_code = models.CharField(_("ngân hàng"), max_length=32, blank=True)
    pay_date = models.DateTimeField(_("thời điểm thanh toán"), null=True, blank=True)
    response_code = models.CharField(_("mã phản hồi"), max_length=8, blank=True)
    raw_callback = models.JSONField(_("dữ liệu IPN"), default=dict, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("người tạo"))
    payer_name = models.CharField(_("người nộp"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt thanh toán")
        verbose_name_plural = _("lượt thanh toán")

    def __str__(self):
        return f"{self.txn_ref} ({self.status})"


class PaymentEvent(AppendOnlyEvent):
    """The attempt's audit trail: started, confirmed, failed, ignored replays are not written."""

    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="events")
    data = models.JSONField(default=dict, blank=True)

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = _("sự kiện thanh toán")
        verbose_name_plural = _("sự kiện thanh toán")
