"""The QR code on every printed form: it opens the public lookup page for the dossier."""

from urllib.parse import urlencode

import segno
from django.conf import settings


def lookup_url(code: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/tra-cuu?{urlencode({'code': code})}"


def qr_data_uri(url: str) -> str:
    # SVG stays sharp at any print resolution; error level M survives a crumpled receipt.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
