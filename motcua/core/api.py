"""The one NinjaAPI instance; each app contributes a router (wired in motcua/api.py)."""

from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from .errors import DomainError

# Services and API handlers raise the same error; the API renders it as JSON.
ApiError = DomainError


def error_body(code: str, message: str, **extra) -> dict:
    return {"code": code, "message": message, **extra}


def validation_message(exc: ValidationError) -> tuple[str, list[dict]]:
    fields = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("query", "body", "path", "form")]
        fields.append({"field": ".".join(loc), "message": err.get("msg", "")})
    return _("Dữ liệu không hợp lệ."), fields
