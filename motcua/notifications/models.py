"""Message templates: data, so that wording follows new decrees without a release."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class NotificationTemplate(models.Model):
    """The wording of one topic on one channel, from an effective date on.

    A new wording is a new row with a later `effective_from`, so the text that went out on a
    given day can still be read afterwards.
    """

    topic = models.CharField(_("sự kiện"), max_length=64, help_text=_("Ví dụ: dossier.accepted"))
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"), help_text=_("Cú pháp mẫu của Django trên dữ liệu của thông báo."))
    active = models.BooleanField(_("đang dùng"), default=True)
    effective_from = models.DateField(_("áp dụng từ ngày"), default=datetime.date(2020, 1, 1))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["topic", "channel", "-effective_from"]
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")
        constraints = [
            models.UniqueConstraint(fields=["topic", "channel", "effective_from"], name="notif_template_version_uniq")
        ]

    def __str__(self):
        return f"{self.topic} / {self.get_channel_display()} ({self.effective_from:%d/%m/%Y})"

    @classmethod
    def current(cls, topic: str, channel: str, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return (
            cls.objects.filter(topic=topic, channel=channel, active=True, effective_from__lte=on)
            .order_by("-effective_from", "-pk")
            .first()
        )
