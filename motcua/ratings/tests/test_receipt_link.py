"""The receipt (Mẫu 01) carries a second QR code that lets the citizen rate the reception."""

from urllib.parse import urlsplit

import pytest

from motcua.dossiers.printing.contexts import mau01
from motcua.dossiers.tests.factories import build_dossier_world, walk_in
from motcua.ratings.tokens import read_link_token

pytestmark = pytest.mark.django_db


def test_receipt_of_a_pilot_procedure_links_to_its_rating_page(client):
    w = build_dossier_world()
    d = walk_in(w)
    _at, context = mau01(d)
    (link,) = context["links"]
    assert link["image"].startswith("data:image/svg+xml") and "đánh giá" in link["label"]
    token = link["url"].rsplit("/danh-gia/", 1)[1].strip("/")
    assert read_link_token(token).code == d.code
    page = client.get(urlsplit(link["url"]).path)
    assert page.status_code == 200 and d.code in page.content.decode()


def test_receipt_of_a_procedure_outside_the_pilot_has_no_rating_link(settings):
    w = build_dossier_world()
    w.procedure.in_rating_pilot = False
    w.procedure.save()
    _at, context = mau01(walk_in(w))
    assert context["links"] == []
    settings.RATINGS_ALL_PROCEDURES = True
    _at, context = mau01(walk_in(w))
    assert len(context["links"]) == 1
