from django.urls import path

from . import views

app_name = "vneidsandbox"
urlpatterns = [
    path("vneid-sandbox/.well-known/openid-configuration", views.discovery, name="discovery"),
    path("vneid-sandbox/authorize", views.authorize, name="authorize"),
    path("vneid-sandbox/token", views.token, name="token"),
    path("vneid-sandbox/userinfo", views.userinfo, name="userinfo"),
    path("vneid-sandbox/jwks", views.jwks, name="jwks"),
]
