"""Counter sessions, kiosk tablets, prompts to rate, the ratings themselves and entered indicator scores.

Rows here change only through `motcua.ratings.services` (ratings never change at all).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.models import AppendOnly
from motcua.directory.models import Agency, Counter, Desk

USER = settings.AUTH_USER_MODEL


class Stage(models.TextChoices):
    RECEPTION = "reception", _("Tiếp nhận hồ sơ")
    RETURN = "return", _("Trả kết quả")


class Level(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    UNSATISFIED = "unsatisfied", _("Không hài lòng")


class RatingChannel(models.TextChoices):
    KIOSK = "kiosk", _("Máy đánh giá tại quầy")
    QR = "qr", _("Mã QR trên giấy tiếp nhận")
    PORTAL = "portal", _("Cổng dịch vụ công")


class CounterSession(models.Model):
    """An official working at a counter, from sign-in at the counter until they leave it."""

    counter = models.ForeignKey(Counter, verbose_name=_("quầy"), on_delete=models.PROTECT, related_name="+")
    official = models.ForeignKey(USER, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("phiên làm việc tại quầy")
        verbose_name_plural = _("phiên làm việc tại quầy")
        constraints = [
            # The partial unique indexes are also what the event receiver looks an official up by.
            models.UniqueConstraint(fields=["counter"], condition=Q(ended_at__isnull=True),
                                    name="one_open_session_per_counter"),
            models.UniqueConstraint(fields=["official"], condition=Q(ended_at__isnull=True),
                                    name="one_open_session_per_official"),
            models.CheckConstraint(condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                                   name="counter_session_range"),
        ]

    def __str__(self):
        return f"{self.official} @ {self.counter}"


class KioskDevice(models.Model):
    """A tablet paired with one counter. Only digests of its secrets are stored."""

    counter = models.ForeignKey(Counter, verbose_name=_("quầy"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên thiết bị"), max_length=120)
    token_digest = models.CharField(max_length=64, unique=True)
    token_expires_at = models.DateTimeField(_("hạn dùng liên kết ghép"))
    paired_at = models.DateTimeField(_("ghép lúc"), null=True, blank=True)
    # Re-made at each pairing: a cookie from an earlier pairing of the same row stops working.
    cookie_digest = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    last_seen_at = models.DateTimeField(_("hoạt động gần nhất"), null=True, blank=True)

    class Meta:
        ordering = ["counter", "name"]
        verbose_name = _("máy đánh giá tại quầy")
        verbose_name_plural = _("máy đánh giá tại quầy")

    def __str__(self):
        return f"{self.name} ({self.counter})"

    @property
    def is_active(self) -> bool:
        return self.paired_at is not None and self.revoked_at is None


class RatingPrompt(models.Model):
    """"Please rate": written in the action's transaction, shown by the counter's kiosk for a few minutes."""

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="+")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    official = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt mời đánh giá")
        verbose_name_plural = _("lượt mời đánh giá")
        indexes = [models.Index(fields=["counter", "-created_at"], condition=Q(answered_at__isnull=True),
                                name="prompt_open_idx")]

    def __str__(self):
        return f"{self.dossier_id}/{self.stage} @ {self.counter_id}"


class Reason(models.Model):
    """A reason a citizen may tick beside the level; data, so the province words them itself."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    text = models.CharField(_("nội dung"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("lý do đánh giá")
        verbose_name_plural = _("lý do đánh giá")

    def __str__(self):
        return self.text


class Rating(AppendOnly):
    """A citizen's rating of the official who served them at one stage of one dossier."""

    dossier = models.ForeignKey("dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT,
                                related_name="+")
    stage = models.CharField(_("khâu"), max_length=16, choices=Stage.choices)
    official = models.ForeignKey(USER, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    # The competent agency: the one whose one-stop evaluation (indicator 7, attitude) the rating feeds.
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(Desk, verbose_name=_("bộ phận một cửa"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    counter = models.ForeignKey(Counter, verbose_name=_("quầy"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    level = models.CharField(_("mức độ hài lòng"), max_length=16, choices=Level.choices)
    reasons = models.ManyToManyField(Reason, verbose_name=_("lý do"), through="RatingReason", blank=True,
                                     related_name="+")
    comment = models.TextField(_("ý kiến khác"), blank=True, max_length=1000)
    channel = models.CharField(_("kênh đánh giá"), max_length=16, choices=RatingChannel.choices)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        constraints = [models.UniqueConstraint(fields=["dossier", "stage"], name="one_rating_per_dossier_stage")]
        indexes = [
            models.Index(fields=["official", "at"], name="rating_official_idx"),
            models.Index(fields=["agency", "at"], name="rating_agency_idx"),
            models.Index(fields=["desk", "at"], name="rating_desk_idx"),
            models.Index(fields=["at"], name="rating_at_idx"),
        ]

    def __str__(self):
        return f"{self.dossier_id}/{self.stage}: {self.level}"


class RatingReason(AppendOnly):
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="reason_links")
    reason = models.ForeignKey(Reason, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rating", "reason"], name="rating_reason_once")]

    def __str__(self):
        return f"{self.rating_id}: {self.reason_id}"


class IndicatorScore(models.Model):
    """An indicator of the one-stop evaluation that the data cannot compute, entered per agency and quarter."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    indicator = models.CharField(_("tiêu chí"), max_length=32)
    score = models.DecimalField(_("điểm"), max_digits=3, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(2)])
    note = models.TextField(_("căn cứ chấm điểm"), blank=True)
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency", "year", "quarter", "indicator"]
        verbose_name = _("điểm tiêu chí nhập tay")
        verbose_name_plural = _("điểm tiêu chí nhập tay")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "quarter", "indicator"], name="indicator_score_once"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=2), name="indicator_score_range"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="indicator_quarter_range"),
        ]

    def __str__(self):
        return f"{self.agency_id} {self.year}Q{self.quarter} {self.indicator}: {self.score}"
