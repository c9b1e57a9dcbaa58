"""Printed forms and registers of the one-stop shop.

- render_form(key, obj, *, request=None) -> PDF bytes, render_html(...) -> str, for Mẫu 01–05
  (TT 01/2018/TT-VPCP); the layout is chosen by the document's date (registry.py).
- register_xlsx(queryset_or_filters, date_from, date_to) -> XLSX bytes (Mẫu 06),
  turned_away_xlsx(...) -> XLSX bytes (walk-ins turned away with Mẫu 02/03).

Nothing here checks permissions: callers pass objects and querysets already restricted.
"""

from .pdf import render_form, render_html
from .registers import register_xlsx, turned_away_xlsx
from .registry import FORMS, FormVersion, version_for

FORM_KEYS = tuple(FORMS)

__all__ = [
    "FORMS", "FORM_KEYS", "FormVersion", "register_xlsx", "render_form", "render_html", "turned_away_xlsx",
    "version_for",
]
