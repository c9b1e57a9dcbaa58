"""A citizen submits online: e-form → uploads → review → one dossier in status 1, whatever the retries."""

import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from motcua.core.models import OutboxMessage
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.workflow import Status

from ..models import Draft, DraftFile
from .helpers import ANSWERS, APPLICANT, PNG, pdf, portal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return portal_world()


@pytest.fixture
def citizen(client, w):
    client.force_login(w.users["citizen"])
    return client


def start(client, w):
    r = client.post(f"/dich-vu-cong/{w.procedure.code}/nop/")
    assert r.status_code == 302
    return Draft.objects.get(account=client.session["_auth_user_id"] and int(client.session["_auth_user_id"]))


def fill(client, draft):
    r = client.post(f"/ho-so-truc-tuyen/{draft.pk}/to-khai/", {**APPLICANT, **ANSWERS})
    assert r.status_code == 302, r.content.decode()[:2000]


def upload_all(client, draft, w):
    for doc in w.procedure.documents.all():
        r = client.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"document": doc.pk, "file": pdf()})
        assert r.status_code == 302, r.content.decode()[:2000]


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, w):
    r = client.post(f"/dich-vu-cong/{w.procedure.code}/nop/")
    assert r.status_code == 302 and "next=" in r["Location"]
    assert not Draft.objects.exists()
    # After signing in, the "next" page is opened with GET: it offers to start, and starts on POST.
    client.force_login(w.users["citizen"])
    page = client.get(f"/dich-vu-cong/{w.procedure.code}/nop/")
    assert page.status_code == 200 and "Bắt đầu nộp hồ sơ trực tuyến" in page.content.decode()
    assert not Draft.objects.exists()


def test_the_whole_wizard_makes_one_dossier_and_notifies(citizen, w):
    draft = start(citizen, w)
    page = citizen.get(f"/ho-so-truc-tuyen/{draft.pk}/to-khai/").content.decode()
    assert "Thửa đất số" in page and "Nguyễn Văn An" in page  # e-form fields, applicant from the account
    fill(citizen, draft)
    upload_all(citizen, draft, w)
    review = citizen.get(f"/ho-so-truc-tuyen/{draft.pk}/nop/").content.decode()
    assert "Cấp III" in review and "don-de-nghi.pdf" in review
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/nop/")
    dossier = Dossier.objects.get(account=w.users["citizen"])
    assert r["Location"] == f"/ca-nhan/ho-so/{dossier.code}/da-nop/"
    assert dossier.status == Status.SUBMITTED and dossier.channel == "online"
    assert dossier.form_data["answers"]["lo_dat_so"] == "125" and dossier.form_data["eform"] == 1
    assert dossier.files.count() == 2 and all(f.scan and f.digitised for f in dossier.files.all())
    done = citizen.get(r["Location"]).content.decode()
    assert dossier.code in done and "/thanh-toan/ho-so/" in done  # pay right after submitting
    assert OutboxMessage.objects.filter(topic="dossier.submitted", payload__code=dossier.code).exists()
    mine = citizen.get("/ca-nhan/ho-so/").content.decode()
    assert dossier.code in mine and "Mới đăng ký" in mine


def test_double_submit_and_retry_make_one_dossier(citizen, w):
    draft = start(citizen, w)
    fill(citizen, draft)
    upload_all(citizen, draft, w)
    first = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/nop/")
    again = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/nop/")  # the retry after a lost response
    assert Dossier.objects.count() == 1
    assert again.status_code == 302 and first["Location"].split("/")[3] in again["Location"]


def test_draft_is_resumed_not_duplicated(citizen, w):
    draft = start(citizen, w)
    fill(citizen, draft)
    again = start(citizen, w)
    assert again.pk == draft.pk and again.answers["so_tang"] == "3"


def test_eform_validation_errors_are_shown_and_nothing_saved(citizen, w):
    draft = start(citizen, w)
    bad = {**APPLICANT, **ANSWERS, "a-phone": "12345", "f-so_tang": "0", "f-cam_ket": ""}
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/to-khai/", bad)
    assert r.status_code == 422
    html = r.content.decode()
    assert "Số điện thoại gồm 10 chữ số" in html and "lớn hơn hoặc bằng với 1 " in html and "Trường này là bắt buộc" in html
    draft.refresh_from_db()
    assert draft.applicant == {} and draft.step == Draft.Step.FORM


@pytest.mark.parametrize(("name", "body", "message"), [
    ("giay-to.pdf", PNG[:8] + b"not a pdf", None),  # a PNG renamed .pdf is accepted as the PNG it is
    ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "không phải là tệp PDF, JPEG hoặc PNG"),
    ("ban-ve.exe", b"MZ\x90\x00", "không phải là tệp PDF, JPEG hoặc PNG"),
])
def test_files_are_recognised_by_content(citizen, w, name, body, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = start(citizen, w)
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"file": SimpleUploadedFile(name, body)})
    if message is None:
        assert r.status_code == 302 and DraftFile.objects.get().kind == "png"
    else:
        assert r.status_code == 422 and message in r.content.decode()
        assert not DraftFile.objects.exists()


def test_oversize_file_is_refused_and_nothing_stored(citizen, w, settings, tmp_path):
    settings.PORTAL_MAX_FILE_BYTES = 1024
    draft = start(citizen, w)
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"file": pdf(size=2048)})
    assert r.status_code == 422 and "vượt quá dung lượng cho phép" in r.content.decode()
    assert not DraftFile.objects.exists() and not any(p.is_file() for p in tmp_path.rglob("*"))


def test_per_dossier_limit(citizen, w, settings):
    settings.PORTAL_MAX_DOSSIER_BYTES = 3000
    draft = start(citizen, w)
    assert citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"file": pdf(size=2000)}).status_code == 302
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"file": pdf(size=2000)})
    assert r.status_code == 422 and "Tổng dung lượng tệp của hồ sơ vượt quá" in r.content.decode()
    assert DraftFile.objects.count() == 1


def test_names_are_sanitised_and_storage_paths_hold_no_personal_data(citizen, w):
    draft = start(citizen, w)
    citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"file": pdf("../../etc/Nguyễn Văn An <CCCD>.pdf")})
    item = DraftFile.objects.get()
    assert item.shown_name == "Nguyễn Văn An CCCD.pdf"
    assert "Nguy" not in item.file.name and item.file.name.startswith("online/")
    assert default_storage.exists(item.file.name)


def test_missing_mandatory_document_blocks_submission(citizen, w):
    draft = start(citizen, w)
    fill(citizen, draft)
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/nop/")
    assert r.status_code == 422 and "Còn thiếu tệp" in r.content.decode()
    assert not Dossier.objects.exists()


def test_another_citizen_cannot_touch_my_draft(client, w):
    from django.contrib.auth import get_user_model

    client.force_login(w.users["citizen"])
    draft = start(client, w)
    other = get_user_model().objects.create_user("other", password="x")
    client.force_login(other)
    assert client.get(f"/ho-so-truc-tuyen/{draft.pk}/to-khai/").status_code == 404
    assert client.post(f"/ho-so-truc-tuyen/{draft.pk}/nop/").status_code == 404


def test_procedure_below_level_3_cannot_be_submitted_online(citizen, w):
    w.procedure.online_levels.update(level=2)
    r = citizen.post(f"/dich-vu-cong/{w.procedure.code}/nop/", follow=True)
    assert "chưa được cung cấp trực tuyến" in r.content.decode()
    assert not Draft.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_of_one_draft_make_one_dossier(w, settings):
    from motcua.portal import services

    account = w.users["citizen"]
    draft = services.start_draft(account, w.procedure)
    services.save_form(account, draft.pk, applicant={"name": "Nguyễn Văn An", "phone": "0912345678"}, answers={})
    for doc in w.procedure.documents.all():
        services.add_file(account, draft.pk, document=doc, upload=pdf())
    codes, errors = [], []

    def submit():
        try:
            codes.append(services.submit_draft(account, draft.pk).code)
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(codes)) == 1 and Dossier.objects.count() == 1
    assert DossierFile.objects.count() == 2


def test_citizen_chooses_the_competent_agency_when_several_handle_the_procedure(citizen, w):
    w.procedure.agencies.add(w.agencies["C2"])
    draft = start(citizen, w)
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/to-khai/", {**APPLICANT, **ANSWERS})
    assert r.status_code == 422 and "Cơ quan giải quyết" in r.content.decode()
    chosen = w.agencies["A"]
    r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/to-khai/",
                     {**APPLICANT, **ANSWERS, "a-competent_agency": chosen.code})
    assert r.status_code == 302
    upload_all(citizen, draft, w)
    assert chosen.name in citizen.get(f"/ho-so-truc-tuyen/{draft.pk}/nop/").content.decode()
    citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/nop/")
    assert Dossier.objects.get().competent_agency == chosen


def test_discarding_a_draft_removes_it_and_its_files(citizen, w, django_capture_on_commit_callbacks):
    draft = start(citizen, w)
    citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/tep/", {"file": pdf()})
    name = DraftFile.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        r = citizen.post(f"/ho-so-truc-tuyen/{draft.pk}/xoa/")
    assert r.status_code == 302 and not Draft.objects.exists()
    assert not default_storage.exists(name)
