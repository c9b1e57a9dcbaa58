"""Text with a NUL character is refused before anything reads it.

PostgreSQL cannot store NUL in a text column, so a NUL that reached a query or a save would answer 500
(found by the schema test). Django's form fields refuse it already; this covers everything else: the
path, the query string and JSON or URL-encoded bodies. Multipart bodies are left to the forms, so that
upload handlers stay the views' to choose.
"""

import json

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

from .api import error_body

NUL = "\x00"


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _fields_have_nul(querydict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in querydict.lists())


def _body_has_nul(request) -> bool:
    kind = request.content_type or ""
    if kind == "application/json":
        try:
            return _has_nul(json.loads(request.body or b"null"))
        except ValueError:  # not JSON: the API says so itself
            return False
    if kind == "application/x-www-form-urlencoded":
        return _fields_have_nul(request.POST)
    return False


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (NUL in request.path or _fields_have_nul(request.GET)
                or (request.method in ("POST", "PUT", "PATCH") and _body_has_nul(request))):
            message = _("Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse(error_body("invalid_character", message), status=422)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
