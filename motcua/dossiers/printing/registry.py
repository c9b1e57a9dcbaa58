"""Which template prints a form on a given day.

Forms change with each decree (TT 01/2018/TT-VPCP, later texts after NĐ 118/2025): a printed
form must use the layout in force on the document's own date, so that reprinting an old
receipt gives back what the citizen was handed. Adding a version is one line per form here
plus its templates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.core.errors import DomainError


@dataclass(frozen=True)
class FormVersion:
    effective_from: datetime.date
    template: str
    label: str


TT01_2018 = datetime.date(2018, 8, 21)
_V1 = "dossiers/forms/tt01_2018/"
_V1_LABEL = "TT 01/2018/TT-VPCP"

FORMS: dict[str, list[FormVersion]] = {
    "01": [FormVersion(TT01_2018, _V1 + "mau01.html", _V1_LABEL)],
    "02": [FormVersion(TT01_2018, _V1 + "mau02.html", _V1_LABEL)],
    "03": [FormVersion(TT01_2018, _V1 + "mau03.html", _V1_LABEL)],
    "04": [FormVersion(TT01_2018, _V1 + "mau04.html", _V1_LABEL)],
    "05": [FormVersion(TT01_2018, _V1 + "mau05.html", _V1_LABEL)],
}


def version_for(key: str, day: datetime.date) -> FormVersion:
    """The latest version in force on `day`.

    A document dated before the first version (a dossier imported from the QĐ 09/2015 era)
    still prints with the first one: there is no older layout to fall back to.
    """
    try:
        versions = sorted(FORMS[key], key=lambda v: v.effective_from)
    except KeyError:
        raise DomainError("unknown_form", _("Không có biểu mẫu số %(key)s.") % {"key": key}, status=404) from None
    chosen = versions[0]
    for version in versions:
        if version.effective_from <= day:
            chosen = version
    return chosen
