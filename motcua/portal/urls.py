from django.urls import path

from .views import home, mine, wizard

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("dich-vu-cong/<str:code>/nop/", wizard.start, name="start"),
    path("ho-so-truc-tuyen/<int:pk>/to-khai/", wizard.form_step, name="form"),
    path("ho-so-truc-tuyen/<int:pk>/tep/", wizard.files_step, name="files"),
    path("ho-so-truc-tuyen/<int:pk>/nop/", wizard.review_step, name="review"),
    path("ho-so-truc-tuyen/<int:pk>/xoa/", wizard.discard, name="discard"),
    path("ca-nhan/ho-so/", mine.my_dossiers, name="mine"),
    path("ca-nhan/ho-so/<str:code>/", mine.dossier_detail, name="dossier"),
    path("ca-nhan/ho-so/<str:code>/da-nop/", mine.submitted, name="submitted"),
    path("ca-nhan/ho-so/<str:code>/ket-qua/", mine.result_file, name="result"),
    path("ca-nhan/ho-so/<str:code>/tep/<int:pk>/", mine.dossier_file, name="file"),
]
