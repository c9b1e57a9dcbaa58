from django.urls import path

from . import views_public

app_name = "dossiers"
urlpatterns = [
    path("tra-cuu", views_public.lookup_page, name="lookup"),
]
