"""The REST API at /api/v1/: one NinjaAPI, one router per app, one error shape.

Errors are JSON `{"code": ..., "message": ..., ...}`: a machine code for integrators and a
Vietnamese message for people; validation errors are 422 and name the fields.
"""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from motcua.catalog.api import router as catalog_router
from motcua.core.api import ApiError, error_body, validation_message
from motcua.directory.api import router as auth_router
from motcua.dossiers.api import router as dossiers_router
from motcua.dossiers.lookup_api import router as lookup_router
from motcua.ratings.api import router as ratings_router
from motcua.reports.api import router as reports_router
from motcua.worktime.api import router as calendar_router

api = NinjaAPI(
    title="Motcua API",
    version="1",
    description="Hệ thống thông tin một cửa điện tử — API cho cán bộ và bên tích hợp.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(request, error_body(exc.code, exc.message, **exc.extra), status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    message, fields = validation_message(exc)
    return api.create_response(request, error_body("invalid_input", message, errors=fields), status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, error_body("unauthenticated", _("Cần đăng nhập.")), status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:
        # ninja's only 400 is a body it cannot parse.
        return api.create_response(
            request, error_body("invalid_json", _("Nội dung yêu cầu không phải JSON hợp lệ.")), status=400
        )
    codes = {404: "not_found", 403: "forbidden", 405: "method_not_allowed", 429: "rate_limited"}
    return api.create_response(
        request, error_body(codes.get(exc.status_code, "error"), str(exc)), status=exc.status_code
    )


api.add_router("/auth", auth_router)
api.add_router("/calendar", calendar_router)
api.add_router("/dossiers", lookup_router)
api.add_router("/dossiers", dossiers_router)
api.add_router("/procedures", catalog_router)
api.add_router("/ratings", ratings_router)
api.add_router("/reports", reports_router)
