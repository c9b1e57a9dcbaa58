"""The procedure catalog (TTHC): what a citizen may ask for, who decides, how long it may take."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.models import AppendOnlyEvent, TimeStamped
from motcua.core.text import nfc, search_key
from motcua.directory.models import Agency, RoleKind


def nfc_text(value: str | None) -> str:
    """NFC for multi-line text: unlike `nfc`, keeps the line breaks a legal basis is written with."""
    return unicodedata.normalize("NFC", value or "").strip()


class Sector(models.Model):
    """Lĩnh vực: land, construction, civil status…"""

    code = models.CharField(_("mã lĩnh vực"), max_length=32, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    search_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")


class ProcedureQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Procedure(TimeStamped):
    code = models.CharField(_("mã thủ tục"), max_length=64, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    sector = models.ForeignKey(Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures")
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan có thẩm quyền"), related_name="procedures", blank=True
    )
    time_limit = models.DecimalField(
        _("thời hạn giải quyết"), max_digits=6, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Có thể lẻ, ví dụ 0,5 ngày làm việc."),
    )
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=16, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    online_time_limit = models.DecimalField(
        _("thời hạn khi nộp trực tuyến"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    same_day_cutoff = models.TimeField(
        _("giờ tiếp nhận để trả trong ngày"), null=True, blank=True,
        help_text=_("Thủ tục trả trong ngày: nhận trước giờ này thì trả trong ngày, sau giờ này trả ngày làm việc tiếp theo."),
    )
    obligation_wait_counts = models.BooleanField(
        _("thời gian chờ nghĩa vụ tài chính được tính vào thời hạn"), default=True,
    )
    result_type = models.CharField(_("kết quả thực hiện"), max_length=500, blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    steps_description = models.TextField(_("trình tự thực hiện"), blank=True)
    applicants = models.CharField(_("đối tượng thực hiện"), max_length=255, blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    in_rating_pilot = models.BooleanField(_("thuộc diện thí điểm đánh giá cán bộ"), default=False)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    # `search_key` is the name alone (ranking compares the query with it); `search_text` adds the
    # code and the sector, space-padded so that a token can be matched at the start of a word.
    search_key = models.CharField(max_length=600, editable=False, default="", db_index=True)
    search_text = models.CharField(max_length=1000, editable=False, default="")

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["sector__name", "name"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        constraints = [
            models.CheckConstraint(condition=Q(time_limit__gte=0), name="procedure_time_limit_non_negative"),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        self.code = nfc(self.code)
        self.name = nfc(self.name)
        self.result_type = nfc(self.result_type)
        self.applicants = nfc(self.applicants)
        self.legal_basis = nfc_text(self.legal_basis)
        self.steps_description = nfc_text(self.steps_description)
        self.conditions = nfc_text(self.conditions)
        self.refresh_search_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key", "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_key(self) -> None:
        self.search_key = search_key(self.name)
        sector_key = self.sector.search_key if self.sector_id else ""
        self.search_text = f" {self.search_key} {search_key(self.code)} {sector_key} "

    @property
    def is_same_day(self) -> bool:
        return self.same_day_cutoff is not None or self.time_limit == 0

    def total_fees(self) -> int:
        return sum(fee.amount for fee in self.fees.all())

    def level_for(self, agency: Agency | None = None, day: datetime.date | None = None) -> int:
        """The online service level in force on `day` at `agency` (agency-specific rows win)."""
        day = day or timezone.localdate()
        rows = [r for r in self.online_levels.all() if r.effective_from <= day]
        specific = [r for r in rows if agency is not None and r.agency_id == agency.pk]
        general = [r for r in rows if r.agency_id is None]
        chosen = max(specific or general, key=lambda r: r.effective_from, default=None)
        return chosen.level if chosen else 1

    def current_process(self, agency: Agency | None = None, day: datetime.date | None = None):
        day = day or timezone.localdate()
        versions = self.process_versions.filter(effective_from__lte=day)
        if agency is not None:
            specific = versions.filter(agency=agency).order_by("-effective_from", "-number").first()
            if specific:
                return specific
        return versions.filter(agency__isnull=True).order_by("-effective_from", "-number").first()


class FeeKind(models.TextChoices):
    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class Fee(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField(_("loại"), max_length=8, choices=FeeKind.choices, default=FeeKind.CHARGE)
    name = models.CharField(_("tên khoản thu"), max_length=255)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["procedure", "pk"]
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self):
        return f"{self.name}: {self.amount:,} đ"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.note = nfc(self.note)
        super().save(*args, **kwargs)


class RequiredDocument(models.Model):
    """Thành phần hồ sơ: one item of the checklist the desk ticks."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("số bản sao chứng thực"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="catalog/templates/", blank=True)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class OnlineLevel(models.Model):
    """Mức độ dịch vụ công trực tuyến, per agency (or for all when agency is empty) from a date."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="online_levels")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(
        _("mức độ"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    effective_from = models.DateField(_("áp dụng từ ngày"))

    class Meta:
        ordering = ["procedure", "agency", "-effective_from"]
        verbose_name = _("mức độ dịch vụ công trực tuyến")
        verbose_name_plural = _("mức độ dịch vụ công trực tuyến")
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="online_level_1_to_4"),
            models.UniqueConstraint(
                fields=["procedure", "agency", "effective_from"], name="online_level_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.procedure.code}: {self.level}"


class ProcessVersion(TimeStamped):
    """Quy trình nội bộ: a version of a procedure's internal steps, in force from a date.

    Open dossiers keep the version they started with; a new version never edits an old one.
    """

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="process_versions")
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan áp dụng"), null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("Để trống nếu áp dụng chung cho mọi cơ quan có thẩm quyền."),
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["procedure", "agency", "-number"]
        verbose_name = _("quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "agency", "number"], name="process_version_number"),
            # NULLs are distinct in the constraint above, so the common (agency-wide) versions need their own.
            models.UniqueConstraint(
                fields=["procedure", "number"], condition=Q(agency__isnull=True),
                name="process_version_number_common",
            ),
        ]

    def __str__(self):
        return f"{self.procedure.code} v{self.number}"

    def save(self, *args, **kwargs):
        self.note = nfc(self.note)
        super().save(*args, **kwargs)

    def total_hours(self) -> Decimal:
        return sum((step.hours for step in self.steps.all()), Decimal("0"))


class ProcessStep(models.Model):
    version = models.ForeignKey(ProcessVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò thực hiện"), max_length=32, choices=RoleKind.choices)
    hours = models.DecimalField(
        _("số giờ làm việc"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    may_send_back = models.BooleanField(_("được trả lại bước trước"), default=False)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="process_step_order")]

    def __str__(self):
        return f"{self.order}. {self.name}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class CatalogEvent(AppendOnlyEvent):
    """The catalog's audit trail: who changed which procedure, sector or process, and how."""

    # SET_NULL keeps the row when a procedure is deleted; `details` carries its code and name.
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events",
    )
    details = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = _("nhật ký danh mục thủ tục")
        verbose_name_plural = _("nhật ký danh mục thủ tục")

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"
