"""What citizens type at the boundary: mobile numbers, tax codes, personal identification numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.core.text import nfc

_SEPARATORS = re.compile(r"[\s.\-()]+")
MOBILE_RE = re.compile(r"^0[35789]\d{8}$")
# Mã số thuế: 10 digits for an organisation, 10-3 for its dependent units (branches).
TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")
# Số định danh cá nhân (the 12-digit number on the chip-based citizen ID card).
ID_NUMBER_RE = re.compile(r"^\d{12}$")


def normalize_mobile(value: str | None) -> str:
    """"+84 912 345 678", "84912345678", "0912.345.678" → "0912345678"; "" when it is not a mobile number."""
    text = _SEPARATORS.sub("", nfc(value))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    return text if MOBILE_RE.match(text) else ""


def clean_mobile(value: str | None) -> str:
    phone = normalize_mobile(value)
    if not phone:
        raise ValidationError(
            _("Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."), code="invalid_phone"
        )
    return phone


def clean_tax_code(value: str | None) -> str:
    """Mã số thuế of an organisation: 10 digits, or 10-3 for a dependent unit (spaces ignored)."""
    text = re.sub(r"\s+", "", nfc(value))
    if not TAX_CODE_RE.match(text):
        raise ValidationError(
            _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc "
              "(ví dụ 0101234567 hoặc 0101234567-001)."),
            code="invalid_tax_code",
        )
    return text


def normalize_id_number(value) -> str:
    """The personal identification number as the identity provider sent it: NFC, no spaces; "" if absurd."""
    text = re.sub(r"\s+", "", nfc(str(value or "")))
    return text if 0 < len(text) <= 20 else ""
