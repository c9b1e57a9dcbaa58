""""Hồ sơ của tôi": filters, counts per quick filter, overdue rows, due labels, pagination, a fixed query count;
and the dashboard's counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.catalog.models import Procedure, Sector
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.worktime.calendar import get_calendar

from .factories import build_dossier_world, drive, walk_in
from .pages import Browsers, text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """27 dossiers in processing at Sở Xây dựng (3 overdue, 5 due within a day, 2 more within three, 2 given
    to another specialist), one of another procedure and sector waiting for hand-over, one returned."""
    from .factories import rolled_back

    with rolled_back(django_db_blocker):
        w = build_dossier_world()
        u = w.users
        other = Procedure.objects.create(code="2.000815", name="Chứng thực chữ ký", time_limit=Decimal("5"),
                                         sector=Sector.objects.create(code="TP", name="Tư pháp"))
        other.agencies.set([w.agencies["A"]])
        processing = []
        for _ in range(27):
            processing.append(services.hand_over(walk_in(w), u["desk_s"], assignee=u["specialist_a"]))
        now, cal = timezone.now(), get_calendar()
        codes = [d.code for d in processing]
        Dossier.objects.filter(code__in=codes[:3]).update(due_at=now - datetime.timedelta(hours=1))
        Dossier.objects.filter(code__in=codes[3:8]).update(due_at=cal.due_date(now, Decimal("0.5")))
        Dossier.objects.filter(code__in=codes[8:10]).update(due_at=cal.due_date(now, 2))
        for d in processing[-2:]:
            services.reassign(d, u["specialist_a"], assignee=u["specialist_a2"])
        walk_in(w, procedure=other)
        drive(w, 10)
        yield w, codes


@pytest.fixture
def browsers():
    return Browsers()


def chip(page, label: str) -> str:
    body = text(page)
    start = body.index(label + " (")
    return body[start: body.index(")", start) + 1]


def test_default_list_counts_and_chips(data, browsers):
    page = browsers["specialist_a"].get("/can-bo/ho-so/")
    assert page.status_code == 200
    assert chip(page, "Tất cả") == "Tất cả (28)"
    assert chip(page, "Giao cho tôi") == "Giao cho tôi (25)"
    assert chip(page, "Quá hạn") == "Quá hạn (3)"
    assert chip(page, "Đến hạn trong 1 ngày") == "Đến hạn trong 1 ngày (5)"
    assert chip(page, "Đến hạn trong 3 ngày") == "Đến hạn trong 3 ngày (7)"
    assert "28 hồ sơ, sắp xếp theo hạn trả kết quả" in text(page)


def test_overdue_first_highlighted_and_labelled(data, browsers):
    w, codes = data
    html = browsers["specialist_a"].get("/can-bo/ho-so/").content.decode()
    rows = html.split("<tr")[2:]  # after the header row
    assert all('class="row--late"' in row and "quá hạn" in row for row in rows[:3])
    assert {code for code in codes[:3]} == {c for c in codes[:3] if any(c in r for r in rows[:3])}
    assert 'class="row--soon"' in rows[3] and "giờ làm việc" in rows[3]
    assert "còn 2 ngày làm việc" in html
    # Local time, "HH:MM dd/mm/yyyy".
    due = timezone.localtime(Dossier.objects.get(code=codes[10]).due_at)
    assert due.strftime("%H:%M %d/%m/%Y") in html


def test_filters(data, browsers):
    c = browsers["leader_a"]

    def count(**params):
        return c.get("/can-bo/ho-so/", params).context["page"].paginator.count

    assert count(overdue="on") == 3
    assert count(due_within=1) == 5
    assert count(mine="on") == 0  # the leader holds none
    assert count(procedure="2.000815") == 1 and count(sector="TP") == 1 and count(sector="XD") == 27
    assert count(status="all") == 29 and count(status="10") == 1 and count(status="2") == 1
    assert count(status="bogus") == 28  # a bad value drops that filter, it does not fail the page
    specialist = browsers["specialist_a"]
    both = specialist.get("/can-bo/ho-so/", {"due_within": 3, "mine": "on"}).context["page"].paginator.count
    assert both == 7
    page = c.get("/can-bo/ho-so/", {"overdue": "on"})
    assert 'aria-current="true">Quá hạn (3)' in page.content.decode()
    assert chip(page, "Tất cả") == "Tất cả (28)"  # the chips keep their own counts


def test_pagination_25_per_page(data, browsers):
    c = browsers["specialist_a"]
    first = c.get("/can-bo/ho-so/")
    assert len(first.context["page"].object_list) == 25 and "Trang 1 / 2" in text(first)
    second = c.get("/can-bo/ho-so/", {"page": 2})
    assert len(second.context["page"].object_list) == 3 and 'rel="prev"' in second.content.decode()
    seen = {d.code for d in first.context["page"].object_list} | {d.code for d in second.context["page"].object_list}
    assert len(seen) == 28
    dues = [d.due_at for d in first.context["page"].object_list]
    assert dues == sorted(dues)


def test_query_count_does_not_grow_with_rows(data, browsers):
    c = browsers["specialist_a"]
    c.get("/can-bo/ho-so/")  # warm the calendar and session
    with CaptureQueriesContext(connection) as big:
        c.get("/can-bo/ho-so/")
    with CaptureQueriesContext(connection) as small:
        c.get("/can-bo/ho-so/", {"procedure": "2.000815"})
    assert len(big) == len(small) and len(big) <= 20, [q["sql"][:120] for q in big.captured_queries]


def test_dashboard_counts_per_role(data, browsers):
    page = browsers["specialist_a"].get("/can-bo/")
    body = text(page)
    assert "25 Hồ sơ giao cho tôi" in body and "3 Quá hạn" in body
    assert "5 Đến hạn trong 1 ngày làm việc" in body and "7 Đến hạn trong 3 ngày làm việc" in body
    desk = text(browsers["desk_s"].get("/can-bo/"))
    assert "1 Đã tiếp nhận, chờ chuyển xử lý" in desk and "0 Hồ sơ trực tuyến chờ tiếp nhận" in desk
    assert "29 Tiếp nhận hôm nay" in desk and "0 Kết quả chờ trả" in desk
    leader = text(browsers["leader_a"].get("/can-bo/"))
    assert "Phiếu xin lỗi chờ duyệt (0)" in leader
