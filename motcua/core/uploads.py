"""Files citizens and officials upload: recognised by their content, never by their name."""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What a file starts with → the kind it is. Only these three are accepted anywhere.
SIGNATURES = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    return None


def clean_name(name: str) -> str:
    """A name fit to show back: NFC, no folders, no control or shell-special characters, bounded."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip(" .")
    return name[:120] or _("tệp")


def check_upload(upload, *, max_bytes: int) -> str:
    """Refuse a file too large or not a PDF/JPEG/PNG by content; return its kind and rename it neutrally."""
    shown = clean_name(upload.name)
    if upload.size > max_bytes:
        raise ValidationError(
            _("Tệp “%(name)s” (%(size)s) vượt quá dung lượng cho phép %(limit)s."),
            params={"name": shown, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_big",
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            _("Tệp “%(name)s” không phải là tệp PDF, JPEG hoặc PNG (đã kiểm tra nội dung tệp)."),
            params={"name": shown}, code="bad_content",
        )
    # The citizen's file name often carries their name: keep personal data out of storage paths.
    upload.name = f"{secrets.token_hex(10)}.{kind}"
    return kind
