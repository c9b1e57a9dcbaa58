"""Agencies, officials and their roles, reception desks."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStamped
from motcua.core.text import nfc, search_key

# QCVN 102:2016/BTTTT: V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.00.H49 for a province's People's Committee.
AGENCY_CODE_RE = r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$"
validate_agency_code = RegexValidator(
    AGENCY_CODE_RE,
    _("Mã cơ quan phải theo QCVN 102:2016, dạng 000.00.00.H49."),
    code="invalid_agency_code",
)


def today_local() -> datetime.date:
    return timezone.localdate()


class AgencyLevel(models.Model):
    """A tier of the administration, kept as data because tiers change (districts ended on 1/7/2025)."""

    code = models.SlugField(_("mã cấp"), max_length=32, unique=True)
    name = models.CharField(_("tên cấp"), max_length=120)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("Số nhỏ là cấp cao hơn."))

    class Meta:
        ordering = ["rank", "code"]
        verbose_name = _("cấp cơ quan")
        verbose_name_plural = _("cấp cơ quan")

    def __str__(self):
        return self.name


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None):
        day = day or today_local()
        return self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day)))

    def subtree(self, agency: Agency):
        return self.filter(path__startswith=agency.path)


class Agency(TimeStamped):
    code = models.CharField(_("mã định danh"), max_length=13, unique=True, validators=[validate_agency_code])
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    level = models.ForeignKey(AgencyLevel, verbose_name=_("cấp"), on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan cấp trên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hoạt động từ ngày"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("hoạt động đến ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("cơ quan kế thừa"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    # Materialised path of primary keys ("/1/7/42/") so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    search_key = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_range",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Cơ quan không thể là cấp trên của chính nó.")})
            ancestor = ancestor.parent
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("Cơ quan không thể kế thừa chính nó.")})
        if self.successor_id and not self.valid_to:
            raise ValidationError({"valid_to": _("Cơ quan có cơ quan kế thừa phải có ngày kết thúc hoạt động.")})

    def is_active(self, day: datetime.date | None = None) -> bool:
        day = day or today_local()
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def current_successor(self) -> Agency:
        """Follow successor links to the agency that carries this one's work today."""
        agency, seen = self, set()
        while agency.successor_id and agency.pk not in seen:
            seen.add(agency.pk)
            agency = agency.successor
        return agency

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.search_key = search_key(f"{self.name} {self.short_name} {self.code}")
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k not in ("force_insert",)}
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != self.path:
            old_path, self.path = self.path, new_path
            super().save(*args, **kwargs)
            if old_path:
                for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path):]
                    Agency.objects.filter(pk=child.pk).update(path=child.path)
        else:
            super().save(*args, **kwargs)


class User(AbstractUser):
    """An official (and later a citizen) account; roles say where an official works."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        super().save(*args, **kwargs)


class RoleKind(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Chuyên viên")
    HEAD_OF_DIVISION = "head_of_division", _("Lãnh đạo phòng")
    AGENCY_LEADER = "agency_leader", _("Lãnh đạo cơ quan")
    AGENCY_ADMIN = "agency_admin", _("Quản trị cơ quan")
    PROVINCE_ADMIN = "province_admin", _("Quản trị tỉnh")
    REFORM_SUPERVISOR = "reform_supervisor", _("Giám sát cải cách hành chính")


class Desk(TimeStamped):
    """A reception desk (Bộ phận Một cửa); a service centre's desk receives for many agencies."""

    agency = models.ForeignKey(Agency, verbose_name=_("thuộc cơ quan"), on_delete=models.PROTECT, related_name="desks")
    name = models.CharField(_("tên bộ phận"), max_length=255)
    serves = models.ManyToManyField(
        Agency, verbose_name=_("tiếp nhận cho các cơ quan"), blank=True, related_name="served_by_desks"
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["agency__path", "name"]
        verbose_name = _("bộ phận một cửa")
        verbose_name_plural = _("bộ phận một cửa")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class Counter(models.Model):
    desk = models.ForeignKey(Desk, verbose_name=_("bộ phận một cửa"), on_delete=models.CASCADE, related_name="counters")
    number = models.PositiveSmallIntegerField(_("số quầy"))
    label = models.CharField(_("tên quầy"), max_length=120, blank=True)

    class Meta:
        ordering = ["desk", "number"]
        verbose_name = _("quầy")
        verbose_name_plural = _("quầy")
        constraints = [models.UniqueConstraint(fields=["desk", "number"], name="counter_number_per_desk")]

    def __str__(self):
        return f"{self.desk} — {_('Quầy')} {self.number}"


class RoleQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None):
        day = day or today_local()
        return self.filter(
            Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            Q(agency__valid_from__lte=day),
            Q(agency__valid_to__isnull=True) | Q(agency__valid_to__gte=day),
            user__is_active=True,
        )


class Role(TimeStamped):
    """One official's role in one agency for a period; an official may hold several."""

    user = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="roles")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="roles")
    kind = models.CharField(_("vai trò"), max_length=32, choices=RoleKind.choices)
    desk = models.ForeignKey(
        Desk, verbose_name=_("bộ phận một cửa"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="roles", help_text=_("Chỉ với cán bộ một cửa."),
    )
    valid_from = models.DateField(_("từ ngày"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["user", "agency", "kind"]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        indexes = [models.Index(fields=["agency", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "kind", "valid_from"], name="role_unique_start"),
            models.CheckConstraint(
                condition=~Q(kind="desk_officer") | Q(desk__isnull=False), name="desk_officer_has_desk"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()} — {self.agency}"

    def clean(self):
        if self.kind == RoleKind.DESK_OFFICER and not self.desk_id:
            raise ValidationError({"desk": _("Cán bộ một cửa phải thuộc một bộ phận một cửa.")})


class ApiToken(models.Model):
    """A bearer token for the officials' API. Only its SHA-256 is stored; revocable; expires."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
