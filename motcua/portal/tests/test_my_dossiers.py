"""'My dossiers': the citizen follows, supplements online and downloads the result (9 → 10)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services as core
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.factories import OWNER
from motcua.dossiers.workflow import Status

from .. import services
from .helpers import PDF, pdf, portal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return portal_world()


def submitted(w) -> Dossier:
    account = w.users["citizen"]
    draft = services.start_draft(account, w.procedure)
    services.save_form(account, draft.pk, applicant={**OWNER, "return_method": "download"},
                       answers={"lo_dat_so": "125"})
    for doc in w.procedure.documents.all():
        services.add_file(account, draft.pk, document=doc, upload=pdf())
    return services.submit_draft(account, draft.pk)


def processed(w) -> Dossier:
    """Accepted, handed over and taken through every step to a result with its PDF."""
    d = submitted(w)
    u = w.users
    core.accept(d, u["desk_s"])
    core.hand_over(d, u["desk_s"], assignee=u["specialist_a"])
    core.next_step(d, u["specialist_a"], assignee=u["head_a"])
    core.next_step(d, u["head_a"], assignee=u["leader_a"])
    core.mark_result_ready(d, u["leader_a"], result_number="12/GPXD", signer="Giám đốc",
                           result_file=ContentFile(PDF, name="gpxd.pdf"))
    return Dossier.objects.get(pk=d.pk)


def test_my_dossier_page_shows_state_due_date_components_and_messages(client, w):
    d = submitted(w)
    core.request_supplement(d, w.users["desk_s"], items=["Bản vẽ mặt cắt tỷ lệ 1/100"], reason="Thiếu bản vẽ")
    client.force_login(w.users["citizen"])
    html = client.get(f"/ca-nhan/ho-so/{d.code}/").content.decode()
    assert d.code in html and "Yêu cầu bổ sung giấy tờ" in html
    assert "Bản vẽ mặt cắt tỷ lệ 1/100" in html and "Thiếu bản vẽ" in html  # what the desk asked
    assert "Đơn đề nghị cấp giấy phép xây dựng" in html  # components
    assert "Nộp bổ sung" in html


def test_supplement_online_resumes_the_dossier(client, w):
    d = submitted(w)
    core.request_supplement(d, w.users["desk_s"], items=["Bản vẽ mặt cắt"], reason="Thiếu")
    client.force_login(w.users["citizen"])
    r = client.post(f"/ca-nhan/ho-so/{d.code}/", {"note": "Đã bổ sung bản vẽ", "files": [pdf("mat-cat.pdf")]})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == Status.SUBMITTED  # back to the desk, which asked before acceptance
    assert d.files.filter(name="mat-cat.pdf").exists()
    event = DossierEvent.objects.filter(dossier=d).latest("pk")
    assert (event.action, event.actor) == ("resubmit", w.users["citizen"])


def test_forged_supplement_file_is_refused_and_nothing_stored(client, w, tmp_path):
    d = submitted(w)
    core.request_supplement(d, w.users["desk_s"], items=["Bản vẽ"], reason="Thiếu")
    before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    client.force_login(w.users["citizen"])
    forged = SimpleUploadedFile("ban-ve.pdf", b"<html>not a pdf</html>")
    r = client.post(f"/ca-nhan/ho-so/{d.code}/", {"note": "", "files": [forged]})
    assert r.status_code == 422 and "không phải là tệp PDF, JPEG hoặc PNG" in r.content.decode()
    d.refresh_from_db()
    assert d.status == Status.SUPPLEMENT
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == before


def test_downloading_the_result_hands_it_over_once(client, w):
    d = processed(w)
    assert d.status == Status.RESULT_READY
    client.force_login(w.users["citizen"])
    assert "Tải kết quả điện tử" in client.get(f"/ca-nhan/ho-so/{d.code}/").content.decode()
    r = client.get(f"/ca-nhan/ho-so/{d.code}/ket-qua/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    d.refresh_from_db()
    assert d.status == Status.RETURNED and d.return_method == "download"
    again = client.get(f"/ca-nhan/ho-so/{d.code}/ket-qua/")
    assert again.status_code == 200
    assert DossierEvent.objects.filter(dossier=d, action="return_result").count() == 1


def test_result_is_not_downloadable_before_it_is_ready(client, w):
    d = submitted(w)
    client.force_login(w.users["citizen"])
    assert client.get(f"/ca-nhan/ho-so/{d.code}/ket-qua/").status_code == 404


def test_other_peoples_dossiers_answer_404(client, w):
    d = submitted(w)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("someone", password="x"))
    for path in ("", "ket-qua/", "da-nop/", f"tep/{d.files.first().pk}/"):
        assert client.get(f"/ca-nhan/ho-so/{d.code}/{path}").status_code == 404
    assert d.code not in client.get("/ca-nhan/ho-so/").content.decode()


def test_submitted_files_are_kept_under_their_stored_names(w):
    d = submitted(w)
    for item in d.files.all():
        assert default_storage.exists(item.scan.name) and item.scan.name.startswith("online/")
