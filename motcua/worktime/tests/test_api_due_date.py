"""GET /api/v1/calendar/due-date."""

import datetime as dt

import pytest

from motcua.worktime import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/due-date"


def due(client, **params):
    return client.get(URL, params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"received_at": "2026-03-02T08:00:00+07:00", "working_days": "1"}, "2026-03-03T08:00:00+07:00"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "0.5"}, "2026-03-02T14:00:00+07:00"),
        ({"received_at": "2026-03-02T01:00:00Z", "working_days": "1"}, "2026-03-03T08:00:00+07:00"),
        ({"received_at": "2026-03-02T08:00:00 07:00", "working_days": "1"}, "2026-03-03T08:00:00+07:00"),
        ({"received_at": "2026-03-02T10:00:00 02:00", "working_days": "1"}, "2026-03-03T15:00:00+07:00"),
        ({"received_at": "2026-03-02 08:00", "working_days": "1"}, "2026-03-03T08:00:00+07:00"),
        ({"received_at": "2026-03-06T15:00:00+07:00", "working_days": "1"}, "2026-03-09T15:00:00+07:00"),
        ({"received_at": "2026-03-02T07:00:00+07:00", "working_days": "1"}, "2026-03-02T17:00:00+07:00"),
        ({"received_at": "2025-04-20T10:00:00+07:00", "calendar_days": "10"}, "2025-05-05T10:00:00+07:00"),
        ({"received_at": "2026-02-13T10:00:00+07:00", "working_days": "0"}, "2026-02-13T10:00:00+07:00"),
    ],
)
def test_due_date(client, params, expected):
    response = due(client, **params)
    assert response.status_code == 200, response.json()
    assert response.json() == {"due_at": expected}


def test_plus_sign_sent_unencoded(client):
    # What a hand-written URL produces: the "+" decodes to a space.
    response = client.get(URL + "?received_at=2026-03-02T08:00:00+07:00&working_days=1")
    assert response.json() == {"due_at": "2026-03-03T08:00:00+07:00"}


def test_override_is_seen_at_once(client):
    params = {"received_at": "2026-03-09T08:00:00+07:00", "working_days": "1"}
    assert due(client, **params).json()["due_at"] == "2026-03-10T08:00:00+07:00"
    services.set_override(dt.date(2026, 3, 10), "day_off", "Nghỉ đột xuất")
    assert due(client, **params).json()["due_at"] == "2026-03-11T08:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"received_at": "hôm qua", "working_days": "1"}, "invalid_received_at"),
        ({"received_at": "2026-02-30T08:00:00", "working_days": "1"}, "invalid_received_at"),
        ({"received_at": "", "working_days": "1"}, "invalid_received_at"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "-1"}, "negative_count"),
        ({"received_at": "2026-03-02T08:00:00", "calendar_days": "-3"}, "negative_count"),
        ({"received_at": "2026-03-02T08:00:00"}, "missing_count"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "1", "calendar_days": "1"}, "both_counts"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "3651"}, "count_too_large"),
        ({"received_at": "2026-03-02T08:00:00", "calendar_days": "100000"}, "count_too_large"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "1e9999"}, "count_too_large"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "mười"}, "invalid_count"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "NaN"}, "invalid_count"),
        ({"received_at": "2026-03-02T08:00:00", "working_days": "Infinity"}, "invalid_count"),
        ({"received_at": "2026-03-02T08:00:00", "calendar_days": "1.5"}, "invalid_count"),
        ({"received_at": "1999-12-31T08:00:00", "working_days": "1"}, "out_of_range"),
        ({"received_at": "2100-12-01T08:00:00", "working_days": "60"}, "out_of_range"),
        ({"received_at": "0001-01-01T00:00:00+07:00", "working_days": "1"}, "out_of_range"),
        ({"received_at": "9999-12-31T23:00:00-05:00", "working_days": "1"}, "out_of_range"),
        ({"working_days": "1"}, "invalid_input"),
    ],
)
def test_bad_input(client, params, code):
    response = due(client, **params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    if code in {"invalid_input", "invalid_received_at"}:
        assert body["errors"][0]["field"] == "received_at"
    if code in {"negative_count", "count_too_large", "invalid_count"}:
        assert body["errors"][0]["field"] in params


def test_messages_are_vietnamese(client):
    body = due(client, received_at="2026-03-02T08:00:00").json()
    assert body["message"] == "Cần cho biết working_days hoặc calendar_days."
    body = due(client, received_at="x", working_days="1").json()
    assert body["message"].startswith("Thời điểm tiếp nhận không đúng định dạng")
