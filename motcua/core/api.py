"""The one NinjaAPI instance; each app contributes a router (wired in motcua/api.py)."""

from django.utils.translation import gettext as _
from ninja.errors import ValidationError


class ApiError(Exception):
    """A refusal with a machine code and a Vietnamese message, rendered as JSON."""

    def __init__(self, code: str, message: str, status: int = 400, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra


def error_body(code: str, message: str, **extra) -> dict:
    return {"code": code, "message": message, **extra}


def validation_message(exc: ValidationError) -> tuple[str, list[dict]]:
    fields = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("query", "body", "path", "form")]
        fields.append({"field": ".".join(loc), "message": err.get("msg", "")})
    return _("Dữ liệu không hợp lệ."), fields
