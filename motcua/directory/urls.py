from django.urls import path

from . import views_auth

app_name = "directory"
urlpatterns = [
    path("dang-nhap/", views_auth.login_view, name="login"),
    path("dang-nhap/xac-thuc/", views_auth.otp_view, name="otp"),
    path("dang-nhap/dang-ky-xac-thuc/", views_auth.enrol_view, name="enrol"),
    path("dang-xuat/", views_auth.logout_view, name="logout"),
]
