from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("can-bo/thong-ke/", views.dashboard_page, name="dashboard"),
    path("can-bo/thong-ke/bieu-06/", views.form06_page, name="form06"),
    path("can-bo/thong-ke/bieu-06.xlsx", views.form06_download, name="form06_xlsx"),
]
