"""The one NinjaAPI instance; each app contributes a router (wired in motcua/api.py)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from .errors import DomainError

# Services and API handlers raise the same error; the API renders it as JSON.
ApiError = DomainError
# Past the rows of any table, and within PostgreSQL's bigint: a larger OFFSET is a database error.
MAX_OFFSET = 1_000_000_000

LOCATIONS = {"body", "query", "path", "form", "header", "cookie"}


def error_body(code: str, message: str, **extra) -> dict:
    return {"code": code, "message": message, **extra}


def _field(loc: list) -> str:
    parts = [str(p) for p in loc]
    # ninja reports ["body", <parameter name>, field…] for a body schema, ["query", field] for a query.
    if parts and parts[0] in LOCATIONS:
        parts = parts[2:] if parts[0] == "body" and len(parts) > 2 else parts[1:]
    return ".".join(parts)


def _message(err: dict) -> str:
    """pydantic's English, said in Vietnamese for the common cases."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    messages = {
        "missing": _("Thiếu trường bắt buộc."),
        "string_too_long": _("Quá dài (tối đa %(n)s ký tự).") % {"n": ctx.get("max_length")},
        "string_pattern_mismatch": _("Giá trị không hợp lệ."),
        "string_type": _("Phải là chuỗi ký tự."),
        "int_parsing": _("Phải là số nguyên."),
        "int_type": _("Phải là số nguyên."),
        "int_from_float": _("Phải là số nguyên."),
        "decimal_parsing": _("Phải là số."),
        "float_parsing": _("Phải là số."),
        "bool_parsing": _("Phải là true hoặc false."),
        "greater_than": _("Phải lớn hơn %(n)s.") % {"n": ctx.get("gt")},
        "greater_than_equal": _("Phải từ %(n)s trở lên.") % {"n": ctx.get("ge")},
        "less_than": _("Phải nhỏ hơn %(n)s.") % {"n": ctx.get("lt")},
        "less_than_equal": _("Không được lớn hơn %(n)s.") % {"n": ctx.get("le")},
        "date_parsing": _("Ngày không đúng định dạng (YYYY-MM-DD)."),
        "date_from_datetime_parsing": _("Ngày không đúng định dạng (YYYY-MM-DD)."),
        "datetime_parsing": _("Thời điểm không đúng định dạng ISO 8601."),
        "datetime_from_date_parsing": _("Thời điểm không đúng định dạng ISO 8601."),
        "list_type": _("Phải là một danh sách."),
        "dict_type": _("Phải là một đối tượng JSON."),
        "model_attributes_type": _("Phải là một đối tượng JSON."),
        "json_invalid": _("Nội dung không phải JSON hợp lệ."),
    }
    if kind == "string_too_short":
        return _("Không được để trống.") if ctx.get("min_length") == 1 else _("Quá ngắn.")
    if kind == "too_short":
        return _("Phải có ít nhất %(n)s mục.") % {"n": ctx.get("min_length")}
    return messages.get(kind, err.get("msg", ""))


def validation_message(exc: ValidationError) -> tuple[str, list[dict]]:
    fields = [{"field": _field(err.get("loc", [])), "message": _message(err)} for err in exc.errors]
    return _("Dữ liệu không hợp lệ."), fields


class JsonApiErrorsMiddleware:
    """Django's own 404 and 405 pages are HTML; under /api/ every answer is the API's JSON shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in (404, 405)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            if response.status_code == 404:
                return JsonResponse(error_body("unknown_endpoint", _("Không có địa chỉ API này.")), status=404)
            return JsonResponse(
                error_body("method_not_allowed", _("Phương thức %(method)s không dùng được ở địa chỉ này.")
                           % {"method": request.method}, allowed=response.get("Allow", "")),
                status=405,
            )
        return response
