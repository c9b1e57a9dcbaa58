"""What every printed form shares: the agency heading, the dateline, the QR block, the parties."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.directory.models import Agency

from ..models import Dossier, IdType, Party
from . import vn
from .qr import lookup_url, qr_data_uri

# An administrative unit's name: an optional "UBND" and the unit word, then the place itself.
# The dateline writes only the place ("UBND tỉnh Bình Hải" → "Bình Hải"), as NĐ 30/2020 asks.
_UNIT = re.compile(
    r"^\s*(?:(?:ủy|uỷ) ban nhân dân\s+|ubnd\s+)?"
    r"(?:tỉnh|thành phố|tp\.|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(?P<place>.+)$",
    re.IGNORECASE,
)


def unbroken_place(name: str) -> str:
    """The name with its place joined by no-break spaces, so that a line never ends inside it
    ("ỦY BAN NHÂN DÂN TỈNH BÌNH / HẢI" reads as two places)."""
    match = _UNIT.match(name)
    if not match:
        return name
    return name[:match.start("place")] + match.group("place").replace(" ", "\u00a0")


def heading(agency: Agency | None) -> dict:
    """The left block: the parent agency above (cơ quan chủ quản), the issuing one below, in capitals."""
    if agency is None:
        return {"parent": "", "agency": ""}
    parent = agency.parent.name if agency.parent_id else ""
    return {"parent": unbroken_place(parent.upper()), "agency": unbroken_place(agency.name.upper())}


def place_of(agency: Agency | None) -> str:
    """The place in the dateline: the nearest administrative unit at or above the issuing agency."""
    seen = set()
    while agency is not None and agency.pk not in seen:
        seen.add(agency.pk)
        match = _UNIT.match(agency.name)
        if match:
            place = match.group("place").strip()
            # "Phường 1" is written whole: a bare number is not a place name.
            return agency.name.strip() if place.isdigit() else place
        agency = agency.parent
    return ""


def qr_block(code: str) -> dict:
    url = lookup_url(code)
    # Printed in two unbreakable halves so the code under the QR never splits across lines.
    head, _sep, tail = url.partition("?")
    return {"url": url, "head": head + "?", "tail": tail, "image": qr_data_uri(url)}


@dataclass
class PartyView:
    name: str
    id_label: str
    id_number: str
    address: str
    phone: str
    email: str


def party(p: Party | None) -> PartyView | None:
    if p is None:
        return None
    id_label = IdType(p.id_type).label if p.id_type in IdType.values else _("Số giấy tờ")
    return PartyView(p.name, str(id_label), p.id_number, p.address, p.phone, p.email)


def official(user) -> dict:
    if user is None:
        return {"name": "", "phone": ""}
    return {"name": str(user), "phone": getattr(user, "phone", "") or ""}


def desk_phone(dossier: Dossier | None, desk=None) -> str:
    desk = desk or (dossier.desk if dossier is not None else None)
    if desk is not None and desk.phone:
        return desk.phone
    agency = desk.agency if desk is not None else (dossier.receiving_agency if dossier is not None else None)
    return agency.phone if agency is not None else ""


def base(*, agency: Agency | None, day, code: str | None, version) -> dict:
    return {
        "heading": heading(agency),
        "dateline": vn.place_date(place_of(agency), day),
        "qr": qr_block(code) if code else None,
        "code": code or "",
        "version": version,
    }
