from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.procedure_list, name="home"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="detail"),
]
