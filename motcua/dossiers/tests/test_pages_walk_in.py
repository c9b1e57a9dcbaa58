"""Receiving a walk-in on one screen: choose the procedure, tick the checklist with scans, save, print Mẫu 01."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.directory.tests.signin import sign_in
from motcua.dossiers.models import Dossier, DossierCounter, DossierFile, Party

from .factories import OWNER, build_dossier_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world():
    return build_dossier_world()


@pytest.fixture
def desk(client, world):
    sign_in(client, "desk_s")
    return client


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def walk_in_post(world, **overrides) -> dict:
    first, second = world.procedure.documents.order_by("order")
    data = {
        "procedure": world.procedure.code,
        f"doc{first.pk}-originals": "1", f"doc{first.pk}-certified_copies": "0", f"doc{first.pk}-copies": "0",
        f"doc{second.pk}-originals": "2", f"doc{second.pk}-certified_copies": "0", f"doc{second.pk}-copies": "1",
        "owner-kind": "person", "owner-id_type": "cccd", "summary": "Xây nhà ở riêng lẻ 3 tầng",
        "sets": "1", "return_method": "desk",
        **{f"owner-{k}": v for k, v in OWNER.items()},
    }
    data.update(overrides)
    return data


def test_search_box_finds_the_procedure_without_diacritics(desk, world):
    r = desk.get("/can-bo/thu-tuc/", {"q": "giay phep xay dung", "for": "receive"}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html
    assert world.procedure.name in html and "/can-bo/tiep-nhan/?procedure=1.009994" in html
    # Without JavaScript the same search reloads the page with the results in it.
    page = desk.get("/can-bo/tiep-nhan/", {"q": "1.009994", "for": "receive"}).content.decode()
    assert "/can-bo/tiep-nhan/?procedure=1.009994" in page and 'id="procedure-q"' in page


def test_checklist_is_prefilled_from_the_catalog(desk, world):
    html = desk.get("/can-bo/tiep-nhan/", {"procedure": "1.009994"}).content.decode()
    first, second = world.procedure.documents.order_by("order")
    assert first.name in html and second.name in html and "Bắt buộc" in html
    assert f'name="doc{second.pk}-originals" value="2"' in html
    assert f'name="doc{first.pk}-scan"' in html and 'enctype="multipart/form-data"' in html
    for field in ("owner-name", "owner-id_number", "owner-birth_date", "owner-phone", "owner-email", "owner-address",
                  "submitter-name", "summary", "sets", "return_method"):
        assert f'for="id_{field}"' in html, field  # every input has its label


def test_walk_in_with_a_pdf_scan_end_to_end(desk, world, media):
    first = world.procedure.documents.order_by("order").first()
    data = walk_in_post(world)
    data[f"doc{first.pk}-scan"] = SimpleUploadedFile("Đơn của ông An.pdf", PDF, content_type="application/pdf")
    r = desk.post("/can-bo/tiep-nhan/", data)
    assert r.status_code == 302, r.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert r["Location"] == f"/can-bo/ho-so/{dossier.code}/"
    assert dossier.status == 2 and dossier.owner.name == OWNER["name"] and dossier.summary.startswith("Xây nhà")
    scanned = DossierFile.objects.get(dossier=dossier, required_document=first)
    assert scanned.digitised and scanned.scan.name.startswith("scans/") and scanned.scan.name.endswith(".pdf")
    assert "An" not in scanned.scan.name  # the citizen's file name does not reach storage
    assert (media / scanned.scan.name).read_bytes() == PDF
    assert DossierFile.objects.filter(dossier=dossier).count() == 2

    page = desk.get(r["Location"])
    html = page.content.decode()
    assert "Đã tiếp nhận hồ sơ" in html and dossier.code in html
    assert f"/can-bo/ho-so/{dossier.code}/mau/01.pdf" in html and "In Mẫu 01" in html
    scan = desk.get(f"/can-bo/ho-so/{dossier.code}/tep/{scanned.pk}/")
    assert scan.status_code == 200 and scan["Content-Type"] == "application/pdf"
    assert b"".join(scan.streaming_content) == PDF

    pdf = desk.get(f"/can-bo/ho-so/{dossier.code}/mau/01.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("name,content", [("ban-ve.pdf", PNG), ("ban-ve.pdf", b"just some text, not a PDF"),
                                          ("ban-ve.exe", PDF)])
def test_forged_scan_is_refused_and_nothing_is_written(desk, world, media, name, content):
    first = world.procedure.documents.order_by("order").first()
    data = walk_in_post(world)
    data[f"doc{first.pk}-scan"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    parties = Party.objects.count()
    r = desk.post("/can-bo/tiep-nhan/", data)
    assert r.status_code == 422
    html = r.content.decode()
    assert "không phải là tệp PDF" in html or "Chỉ nhận tệp PDF, JPEG hoặc PNG" in html
    assert not Dossier.objects.exists() and Party.objects.count() == parties
    assert not DossierCounter.objects.exists()  # no dossier number consumed
    assert stored_files(media) == []
    # The typed data survives for the correction.
    assert OWNER["phone"] in html


def test_oversized_scan_is_refused(desk, world, media, monkeypatch):
    from motcua.dossiers import forms

    monkeypatch.setattr(forms, "MAX_SCAN_BYTES", 100)
    first = world.procedure.documents.order_by("order").first()
    data = walk_in_post(world)
    data[f"doc{first.pk}-scan"] = SimpleUploadedFile("don.pdf", PDF + b"0" * 200, content_type="application/pdf")
    r = desk.post("/can-bo/tiep-nhan/", data)
    assert r.status_code == 422 and "lớn hơn 10 MB" in r.content.decode()
    assert not Dossier.objects.exists() and stored_files(media) == []


def test_bad_input_shows_vietnamese_errors_next_to_fields(desk, world, media):
    first = world.procedure.documents.order_by("order").first()
    data = walk_in_post(world, **{"owner-name": "", "owner-id_number": "12ab", "owner-email": "khong-phai-email",
                                  f"doc{first.pk}-originals": "0", "sets": "0",
                                  "submitter-phone": "0987654321"})
    r = desk.post("/can-bo/tiep-nhan/", data)
    html = r.content.decode()
    assert r.status_code == 422
    assert 'id="id_owner-name_error"' in html and 'aria-invalid="true"' in html
    assert "Số CCCD gồm 12 chữ số" in html
    assert "Giấy tờ bắt buộc" in html  # the mandatory application form is missing
    assert "Nhập họ tên người nộp" in html  # a submitter with a phone but no name
    assert "Chưa lưu được hồ sơ" in html
    assert not Dossier.objects.exists() and not DossierCounter.objects.exists()


def test_a_procedure_with_several_agencies_asks_which_one(desk, world, media):
    world.procedure.agencies.add(world.agencies["B"])
    world.desks["S"].serves.set([world.agencies["A"], world.agencies["B"]])
    html = desk.get("/can-bo/tiep-nhan/", {"procedure": "1.009994"}).content.decode()
    assert 'name="competent_agency"' in html and "Sở Tư pháp" in html
    r = desk.post("/can-bo/tiep-nhan/", walk_in_post(world))
    assert r.status_code == 422 and not Dossier.objects.exists()
    r = desk.post("/can-bo/tiep-nhan/", walk_in_post(world, competent_agency=str(world.agencies["B"].pk)))
    assert r.status_code == 302
    assert Dossier.objects.get().competent_agency == world.agencies["B"]


def test_submitter_on_behalf_of_the_owner(desk, world, media):
    data = walk_in_post(world, **{"submitter-name": "Trần Văn Bình", "submitter-phone": "0987654321",
                                  "submitter-kind": "person", "submitter-id_type": "cccd"})
    assert desk.post("/can-bo/tiep-nhan/", data).status_code == 302
    dossier = Dossier.objects.select_related("submitter").get()
    assert dossier.submitter.name == "Trần Văn Bình" and dossier.owner.name == OWNER["name"]
