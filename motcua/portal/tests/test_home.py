"""The portal's home: search, sectors, agencies, most used procedures, lookup by code."""

import pytest
from django.core.cache import cache

from motcua.dossiers.tests.factories import online

from .helpers import portal_world

pytestmark = pytest.mark.django_db


def test_home_offers_search_browse_most_used_and_lookup(client):
    cache.clear()
    w = portal_world()
    online(w)
    html = client.get("/").content.decode()
    assert 'action="/thu-tuc/"' in html and 'action="/tra-cuu"' in html
    assert "Xây dựng" in html and "?sector=XD" in html  # browse by sector
    assert "?agency=" in html  # browse by agency
    assert f"/thu-tuc/{w.procedure.code}/" in html  # most used, from last year's dossiers


def test_search_from_home_without_diacritics_finds_the_procedure(client):
    w = portal_world()
    html = client.get("/thu-tuc/", {"q": "cap giay phep xay dung"}).content.decode()
    assert w.procedure.name in html


def test_procedure_sheet_offers_online_submission_at_level_3_and_4(client):
    w = portal_world()
    assert "Nộp hồ sơ trực tuyến" in client.get(f"/thu-tuc/{w.procedure.code}/").content.decode()
    w.procedure.online_levels.update(level=2)
    assert "Nộp hồ sơ trực tuyến" not in client.get(f"/thu-tuc/{w.procedure.code}/").content.decode()


def test_citizen_menu_differs_from_the_officials(client):
    w = portal_world()
    client.force_login(w.users["citizen"])
    html = client.get("/").content.decode()
    assert "/ca-nhan/ho-so/" in html and "/can-bo/" not in html
    client.force_login(w.users["specialist_a"])
    html = client.get("/").content.decode()
    assert "/can-bo/" in html and "/ca-nhan/ho-so/" not in html
