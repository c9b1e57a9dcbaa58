"""A NUL character anywhere in a request is refused up front, with a clear message, and nothing is
written (PostgreSQL cannot store one, so it used to surface as a server error)."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import Api, build_dossier_world

pytestmark = pytest.mark.django_db
MESSAGE = "Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL)."


def test_the_api_refuses_nul_in_the_body_the_query_and_the_path():
    world = build_dossier_world()
    api = Api()
    body = {"procedure": world.procedure.code + "\x00", "owner": {"name": "Nguyễn Văn An"}}
    r = api.post("desk_s", "/dossiers", body)
    assert (r.status_code, r.json()) == (422, {"code": "invalid_character", "message": MESSAGE})
    assert not Dossier.objects.exists()
    nested = api.post("desk_s", "/dossiers", {**body, "procedure": world.procedure.code,
                                               "owner": {"name": "An", "address": ["x\x00"]}})
    assert nested.json()["code"] == "invalid_character"
    assert api.get(None, "/procedures", q="xây\x00dựng").json()["code"] == "invalid_character"
    assert api.get(None, "/dossiers/000.30\x00/status").status_code == 422
    assert api.get(None, "/procedures", q="xây dựng").status_code == 200


def test_pages_refuse_it_too(client):
    r = client.get("/thu-tuc/", {"q": "giấy\x00phép"})
    assert r.status_code == 400 and r.content.decode() == MESSAGE
    assert client.get("/thu-tuc/", {"q": "giấy phép"}).status_code == 200
