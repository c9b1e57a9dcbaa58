"""GET /api/v1/calendar/days-off."""

import datetime as dt

import pytest

from motcua.worktime import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/days-off"


def test_2026(client):
    response = client.get(URL, {"year": "2026"})
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026
    assert {"date": "2026-11-24", "name": "Ngày Văn hóa Việt Nam", "source": "law"} in body["days_off"]
    assert {"date": "2026-02-17", "name": "Tết Nguyên Đán", "source": "law"} in body["days_off"]
    assert [d["date"] for d in body["days_off"]] == sorted(d["date"] for d in body["days_off"])
    assert body["working_days"] == [{"date": "2026-08-22", "name": "Ngày làm việc bù", "source": "law"}]


def test_overrides_are_listed(client):
    services.set_override(dt.date(2026, 1, 2), "day_off", "Nghỉ bù (thử)")
    services.set_override(dt.date(2026, 9, 1), "working_day", "Đi làm (thử)")
    body = client.get(URL, {"year": "2026"}).json()
    assert {"date": "2026-01-02", "name": "Nghỉ bù (thử)", "source": "override"} in body["days_off"]
    assert "2026-09-01" not in [d["date"] for d in body["days_off"]]
    assert {"date": "2026-09-01", "name": "Đi làm (thử)", "source": "override"} in body["working_days"]


@pytest.mark.parametrize(
    ("year", "code"),
    [
        ("abc", "invalid_year"),
        ("20266", "invalid_year"),
        ("-2026", "invalid_year"),
        ("1999", "out_of_range"),
        ("2101", "out_of_range"),
    ],
)
def test_bad_year(client, year, code):
    response = client.get(URL, {"year": year})
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_missing_year(client):
    response = client.get(URL)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
