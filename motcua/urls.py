from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from motcua.api import api
from motcua.core.views import healthz
from motcua.directory.views_auth import admin_login_redirect

admin.site.site_header = _("Motcua — Quản trị hệ thống một cửa điện tử")
admin.site.site_title = _("Quản trị Motcua")
admin.site.index_title = _("Quản trị")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/login/", admin_login_redirect),
    path("admin/", admin.site.urls),
    path("", include("motcua.directory.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("motcua.payments.urls")),
    path("", include("motcua.dossiers.urls")),
    path("", include("motcua.reports.urls")),
    path("", include("motcua.portal.urls")),
    path("tai-khoan/", include("motcua.citizens.urls")),
    path("", include("motcua.ratings.urls")),
    path("", include("motcua.catalog.urls")),
]

if settings.VNEID_SANDBOX_ENABLED:
    # A local VNeID stand-in for `make run` (VNEID_SANDBOX_ENABLED=1, DEBUG only).
    urlpatterns += [path("", include("motcua.vneidsandbox.urls"))]

if settings.PAYSANDBOX_ENABLED:
    # The local VNPay sandbox: for `make run` and the tests, never on a production server.
    urlpatterns += [path("", include("motcua.paysandbox.urls"))]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
