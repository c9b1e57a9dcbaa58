"""The QR code on every printed form: it opens the public lookup page for the dossier."""

from urllib.parse import urlencode

import segno
from django.conf import settings


def lookup_url(code: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/tra-cuu?{urlencode({'code': code})}"


# Apps above the dossier core add QR codes to the receipt (Mẫu 01) without the core importing them:
# each entry takes the dossier and returns {"label", "url"} or None.
RECEIPT_LINKS: list = []


def receipt_links(dossier) -> list[dict]:
    links = [link for provider in RECEIPT_LINKS if (link := provider(dossier))]
    return [{**link, "image": qr_data_uri(link["url"])} for link in links]


def qr_data_uri(url: str) -> str:
    # SVG stays sharp at any print resolution; error level M survives a crumpled receipt.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
