from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .twofactor import has_device, requires_two_factor

OPEN_PREFIXES = ("/dang-nhap/", "/dang-xuat/", "/static/", "/i18n/", "/healthz")


class RequireTwoFactorMiddleware:
    """A leader or administrator signed in with a password only may do nothing but the second step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not user.is_verified()
            and requires_two_factor(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "otp_required", "message": _("Cần hoàn tất xác thực hai lớp.")}, status=401
                )
            step = "directory:otp" if has_device(user) else "directory:enrol"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
