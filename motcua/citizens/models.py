"""Citizens' accounts: a `directory.User` with no official role, plus what the portal needs to know."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStamped
from motcua.core.text import nfc


class CitizenKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class IdentitySource(models.TextChoices):
    LOCAL = "local", _("Tự đăng ký")
    VNEID = "vneid", _("Định danh điện tử VNeID")


class CitizenProfile(TimeStamped):
    """One per citizen account. Identity fields from VNeID are verified; a local account's are declared."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="citizen"
    )
    kind = models.CharField(_("loại tài khoản"), max_length=16, choices=CitizenKind.choices, default=CitizenKind.PERSON)
    source = models.CharField(
        _("nguồn định danh"), max_length=16, choices=IdentitySource.choices, default=IdentitySource.LOCAL
    )
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True, db_index=True)
    id_verified = models.BooleanField(_("định danh đã xác thực"), default=False)
    organisation_name = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True, db_index=True)
    phone_verified = models.BooleanField(_("số điện thoại đã xác minh"), default=False)

    class Meta:
        verbose_name = _("hồ sơ công dân")
        verbose_name_plural = _("hồ sơ công dân")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="organisation") | ~Q(tax_code=""), name="citizen_organisation_has_tax_code"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == CitizenKind.ORGANISATION and self.organisation_name:
            return self.organisation_name
        return str(self.user)

    def save(self, *args, **kwargs):
        self.organisation_name = nfc(self.organisation_name)
        self.id_number = nfc(self.id_number)
        self.tax_code = nfc(self.tax_code)
        super().save(*args, **kwargs)
