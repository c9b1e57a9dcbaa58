"""Citizens' accounts under /tai-khoan/. URL names are allauth's, which reverses them itself.

Only the pages a citizen needs are mounted (no email management, connections or MFA pages).
VNeID's redirect URI to register is {PUBLIC_BASE_URL}/tai-khoan/oidc/vneid/login/callback/.
"""

from django.urls import path, re_path

from . import phone_reset, views, vneid

urlpatterns = [
    path("dang-nhap/", views.login, name="account_login"),
    path("dang-xuat/", views.logout, name="account_logout"),
    path("dang-ky/", views.signup, name="account_signup"),
    path("tam-khoa/", views.account_inactive, name="account_inactive"),
    path("xac-minh-thu-dien-tu/", views.email_verification_sent, name="account_email_verification_sent"),
    re_path(r"^xac-minh-thu-dien-tu/(?P<key>[-:\w]+)/$", views.confirm_email, name="account_confirm_email"),
    path("xac-minh-so-dien-thoai/", views.verify_phone, name="account_verify_phone"),
    path("mat-khau/quen/", views.password_reset, name="account_reset_password"),
    path("mat-khau/quen/da-gui/", views.password_reset_done, name="account_reset_password_done"),
    re_path(r"^mat-khau/dat-lai/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$", views.password_reset_from_key,
            name="account_reset_password_from_key"),
    path("mat-khau/dat-lai/xong/", views.password_reset_from_key_done, name="account_reset_password_from_key_done"),
    path("mat-khau/quen-so-dien-thoai/", phone_reset.request_code, name="citizens_phone_reset"),
    path("mat-khau/quen-so-dien-thoai/ma/", phone_reset.confirm, name="citizens_phone_reset_confirm"),
    # VNeID (allauth's openid_connect provider, app id "vneid").
    path("oidc/<str:provider_id>/login/", vneid.login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", vneid.callback, name="openid_connect_callback"),
    path("vneid/huy/", views.social_login_cancelled, name="socialaccount_login_cancelled"),
    path("vneid/loi/", views.social_login_error, name="socialaccount_login_error"),
    path("vneid/dang-ky/", views.social_signup, name="socialaccount_signup"),
]
