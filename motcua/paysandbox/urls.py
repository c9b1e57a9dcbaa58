from django.urls import path

from . import views

app_name = "paysandbox"

urlpatterns = [
    path("sandbox-vnpay/paymentv2/vpcpay.html", views.pay, name="pay"),
    path("sandbox-vnpay/paymentv2/<int:pk>/decide/", views.decide, name="decide"),
    path("sandbox-vnpay/merchant_webapi/api/transaction", views.api_transaction, name="querydr"),
]
