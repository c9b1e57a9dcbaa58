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


# The standard layout first, then ever tighter type (forms/base.html) while a form runs past one page.
DENSITIES = ("", "compact", "tight")


def render_html(key: str, obj, *, request=None, language: str | None = "vi", density: str = "") -> str:
    """The form as a standalone HTML page.

    Forms are legal documents whose official text is Vietnamese, so they print in Vietnamese
    whatever the reader's language; pass language=None to follow the active one. `density` (one of
    DENSITIES) sets the tighter type that render_form falls back to when a form would run onto a
    second page.
    """
    with translation.override(language or translation.get_language()):
        template, context = _context(key, obj)
        context["density"] = density
        return render_to_string(template, context, request=request)


def render_form(key: str, obj, *, request=None, language: str | None = "vi") -> bytes:
    """The form as an A4 PDF. `obj` is what the form is printed from (see contexts.ACCEPTS).

    Raises DomainError("form_unavailable", status 409) when the dossier is not in a state that
    has this form (a receipt for a dossier never accepted), "unknown_form" (404) for a bad key.
    """
    # Imported here: WeasyPrint loads Pango and fonts, which only printing requests should pay for.
    from weasyprint import HTML

    def layout(density: str):
        html = render_html(key, obj, request=request, language=language, density=density)
        return HTML(string=html, base_url=None).render()

    # A receipt handed over as two sheets loses its second one: when the standard layout spills onto a
    # second page, tighter type is tried until the form fits one. A form of three pages or more (a
    # control sheet of many rows) is long by nature and keeps the standard type.
    document = layout(DENSITIES[0])
    for density in DENSITIES[1:]:
        if len(document.pages) != 2:
            break
        tighter = layout(density)
        if len(tighter.pages) == 1:
            document = tighter
    return document.write_pdf()
