"""The portal's own records: e-form definitions per procedure, and the citizen's drafts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure, RequiredDocument
from motcua.core.models import TimeStamped

from .eforms import parse_fields


class EFormQuerySet(models.QuerySet):
    def in_force(self, procedure, day=None):
        day = day or timezone.localdate()
        return self.filter(procedure=procedure, effective_from__lte=day).order_by("-effective_from", "-version").first()


class EForm(TimeStamped):
    """One version of a procedure's e-form, in force from a date until a newer version starts."""

    procedure = models.ForeignKey(Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE,
                                  related_name="eforms")
    version = models.PositiveSmallIntegerField(_("phiên bản"))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    title = models.CharField(_("tên tờ khai"), max_length=300)
    fields = models.JSONField(
        _("các trường"), default=list,
        help_text=_('Danh sách trường, ví dụ [{"name": "dien_tich", "label": "Diện tích (m²)", "type": "number", '
                    '"required": true, "min": 1}]. Kiểu: text, textarea, number, date, email, phone, id_number, '
                    'select (kèm "choices"), checkbox.'),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    objects = EFormQuerySet.as_manager()

    class Meta:
        ordering = ["procedure", "-effective_from", "-version"]
        verbose_name = _("biểu mẫu điện tử")
        verbose_name_plural = _("biểu mẫu điện tử")
        constraints = [models.UniqueConstraint(fields=["procedure", "version"], name="eform_version_unique")]

    def __str__(self):
        return f"{self.procedure.code} v{self.version}"

    def clean(self):
        super().clean()
        try:
            parse_fields(self.fields)
        except ValidationError as exc:
            raise ValidationError({"fields": exc.messages}) from None

    def specs(self):
        return parse_fields(self.fields)


class Draft(TimeStamped):
    """A submission in progress; its key makes the final submit idempotent (a retry finds the dossier)."""

    class Step(models.TextChoices):
        FORM = "form", _("Tờ khai")
        FILES = "files", _("Tệp đính kèm")
        REVIEW = "review", _("Kiểm tra và nộp")

    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    eform = models.ForeignKey(EForm, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    applicant = models.JSONField(default=dict, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    step = models.CharField(max_length=8, choices=Step.choices, default=Step.FORM)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.OneToOneField("dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="draft")

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("hồ sơ nháp")
        verbose_name_plural = _("hồ sơ nháp")
        indexes = [models.Index(fields=["account", "-updated_at"], name="draft_account_recent")]

    def __str__(self):
        return f"{self.procedure.code} — {self.account}"

    @property
    def submitted(self) -> bool:
        return self.dossier_id is not None

    def total_bytes(self) -> int:
        return sum(f.size for f in self.files.all())


class DraftFile(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    required_document = models.ForeignKey(RequiredDocument, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    file = models.FileField(upload_to="online/%Y/%m/")
    shown_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=4)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.shown_name
