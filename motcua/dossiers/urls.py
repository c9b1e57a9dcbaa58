from django.urls import path

from . import views_public
from .views import desk, exports, home, work

app_name = "dossiers"
urlpatterns = [
    path("tra-cuu", views_public.lookup_page, name="lookup"),
    # The officials' area (Vietnamese paths, as citizens and officials read them).
    path("can-bo/", home.home, name="office_home"),
    path("can-bo/tiep-nhan/", desk.receive, name="office_receive"),
    path("can-bo/thu-tuc/", desk.procedure_search, name="office_procedure_search"),
    path("can-bo/khong-tiep-nhan/", desk.turned_away, name="office_turned_away"),
    path("can-bo/khong-tiep-nhan/<int:pk>/", desk.visit_detail, name="office_visit"),
    path("can-bo/khong-tiep-nhan/<int:pk>/phieu.pdf", exports.visit_pdf, name="office_visit_pdf"),
    path("can-bo/cho-tiep-nhan/", desk.online_queue, name="office_online_queue"),
    path("can-bo/cho-tra-ket-qua/", desk.results_queue, name="office_results_queue"),
    path("can-bo/so-theo-doi/", exports.registers, name="office_registers"),
    path("can-bo/ho-so/", work.dossier_list_page, name="office_list"),
    path("can-bo/ho-so/<str:code>/", work.dossier_detail, name="office_detail"),
    path("can-bo/ho-so/<str:code>/xu-ly/<slug:name>/", work.dossier_action, name="office_action"),
    path("can-bo/ho-so/<str:code>/tep/<int:pk>/", work.dossier_scan, name="office_scan"),
    path("can-bo/ho-so/<str:code>/ket-qua/", work.dossier_result_file, name="office_result_file"),
    path("can-bo/ho-so/<str:code>/mau/<str:key>.pdf", exports.dossier_form_pdf, name="office_form_pdf"),
]
