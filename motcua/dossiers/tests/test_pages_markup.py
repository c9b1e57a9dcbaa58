"""Every officials' page: a label for each input, unique ids, headings in order, nothing the strict CSP
blocks (inline styles, scripts or handlers), and the page's own language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services

from .factories import OWNER, build_dossier_world, drive
from .pages import Browsers, markup_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_dossier_world()


def test_pages_are_labelled_ordered_and_csp_clean(world):
    browsers = Browsers()
    d = drive(world, 4, coordination=True, apology=True)
    services.record_payment(d, world.users["desk_s"], amount=75000, method="cash", reference="BL-1")
    visit = services.record_turned_away(world.users["desk_s"], procedure=world.procedure, person=OWNER, form="03",
                                        guidance="Không thuộc thẩm quyền")
    ready = drive(world, 9)
    pages = {
        "desk_s": ["/can-bo/", "/can-bo/tiep-nhan/", "/can-bo/tiep-nhan/?procedure=1.009994",
                   "/can-bo/tiep-nhan/?q=xay&for=receive", "/can-bo/khong-tiep-nhan/?procedure=1.009994",
                   f"/can-bo/khong-tiep-nhan/{visit.pk}/", "/can-bo/cho-tiep-nhan/", "/can-bo/cho-tra-ket-qua/",
                   "/can-bo/so-theo-doi/", f"/can-bo/ho-so/{ready.code}/", f"/can-bo/ho-so/{d.code}/xu-ly/withdraw/"],
        "specialist_a": ["/can-bo/ho-so/", "/can-bo/ho-so/?overdue=on", f"/can-bo/ho-so/{d.code}/",
                         *[f"/can-bo/ho-so/{d.code}/xu-ly/{name}/" for name in (
                             "next_step", "reassign", "request_coordination", "request_supplement",
                             "propose_apology", "record_payment", "request_obligation")],
                         "/can-bo/ho-so/000.00.00.H99-000101-0001/"],
        "leader_a": ["/can-bo/", f"/can-bo/ho-so/{d.code}/xu-ly/mark_result_ready/",
                     f"/can-bo/ho-so/{d.code}/xu-ly/approve_apology/"],
        "specialist_b": [f"/can-bo/ho-so/{d.code}/xu-ly/answer_coordination/"],
        "citizen": ["/can-bo/"],
    }
    found = {}
    for who, urls in pages.items():
        for url in urls:
            response = browsers[who].get(url)
            html = response.content.decode()
            assert '<html lang="vi">' in html, url
            problems = markup_problems(html)
            if problems:
                found[(who, url)] = problems
    assert not found, found


def test_walk_in_errors_stay_labelled(world):
    client = Browsers()["desk_s"]
    first = world.procedure.documents.order_by("order").first()
    r = client.post("/can-bo/tiep-nhan/", {"procedure": "1.009994", "owner-kind": "person",
                                           f"doc{first.pk}-scan": SimpleUploadedFile("a.pdf", b"nope")})
    assert r.status_code == 422 and markup_problems(r.content.decode()) == []
