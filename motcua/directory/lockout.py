"""What a locked-out sign-in gets: the API's JSON error shape, or the page."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "account_locked",
             "message": _("Đăng nhập sai quá nhiều lần: tài khoản tạm khóa, vui lòng thử lại sau.")},
            status=429,
        )
    return render(request, "directory/locked_out.html", status=429)
