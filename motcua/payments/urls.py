from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("thanh-toan/ho-so/<str:code>/", views.start, name="start"),
    path("thanh-toan/vnpay/ket-qua/", views.vnpay_return, name="vnpay_return"),
    path("thanh-toan/vnpay/ipn/", views.vnpay_ipn, name="vnpay_ipn"),
    path("thanh-toan/giao-dich/<str:txn_ref>/xac-nhan.pdf", views.confirmation, name="confirmation"),
]
