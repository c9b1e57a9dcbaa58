"""Forms Mẫu 01–05 as HTML (previews) and as A4 PDFs (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from . import vn
from .common import base
from .contexts import ACCEPTS, BUILDERS
from .registry import version_for


def _context(key: str, obj) -> tuple[str, dict]:
    if key not in BUILDERS:
        raise DomainError("unknown_form", _("Không có biểu mẫu số %(key)s.") % {"key": key}, status=404)
    if not isinstance(obj, ACCEPTS[key]):
        raise TypeError(f"Mẫu {key} is printed from {', '.join(t.__name__ for t in ACCEPTS[key])}, "
                        f"not {type(obj).__name__}")
    day, data = BUILDERS[key](obj)
    version = version_for(key, vn.as_date(day))
    context = base(agency=data.pop("issuer"), day=day, code=data.get("code"), version=version)
    context.update(data, form_key=key)
    return version.template, context


def render_html(key: str, obj, *, request=None, language: str | None = "vi", compact: bool = False) -> str:
    """The form as a standalone HTML page.

    Forms are legal documents whose official text is Vietnamese, so they print in Vietnamese
    whatever the reader's language; pass language=None to follow the active one. `compact` sets
    the tighter type that render_form falls back to when a form would run onto a second page.
    """
    with translation.override(language or translation.get_language()):
        template, context = _context(key, obj)
        context["compact"] = compact
        return render_to_string(template, context, request=request)


def render_form(key: str, obj, *, request=None, language: str | None = "vi") -> bytes:
    """The form as an A4 PDF. `obj` is what the form is printed from (see contexts.ACCEPTS).

    Raises DomainError("form_unavailable", status 409) when the dossier is not in a state that
    has this form (a receipt for a dossier never accepted), "unknown_form" (404) for a bad key.
    """
    # Imported here: WeasyPrint loads Pango and fonts, which only printing requests should pay for.
    from weasyprint import HTML

    def layout(compact: bool):
        html = render_html(key, obj, request=request, language=language, compact=compact)
        return HTML(string=html, base_url=None).render()

    document = layout(compact=False)
    if len(document.pages) > 1:
        # A receipt handed over as two sheets loses its second one; the tighter type is tried and
        # kept only when it saves a page (a register of many rows stays as long as it is).
        tighter = layout(compact=True)
        if len(tighter.pages) < len(document.pages):
            document = tighter
    return document.write_pdf()
