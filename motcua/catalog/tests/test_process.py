import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from motcua.catalog import services
from motcua.catalog.models import CatalogEvent, LimitUnit, ProcessVersion
from motcua.catalog.process import hours_per_working_day

from . import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def eight_hour_days(monkeypatch):
    # The working calendar is built alongside; pin its answer so these figures stay the law's 8 h.
    monkeypatch.setattr("motcua.catalog.process.hours_per_working_day", lambda: Decimal(8))


def steps(*hours, send_back_first=False):
    roles = ["desk_officer", "specialist", "head_of_division", "agency_leader"]
    return [
        {
            "order": i, "name": f"Bước {i}", "role": roles[(i - 1) % len(roles)], "hours": Decimal(str(h)),
            "may_send_back": send_back_first if i == 1 else i > 1,
        }
        for i, h in enumerate(hours, start=1)
    ]


def save(proc, step_list, **kw):
    kw.setdefault("effective_from", DAY)
    return services.save_process(proc, step_list, actor=f.user(), **kw)


def test_steps_longer_than_the_limit_are_refused_with_the_difference_in_hours():
    proc = f.procedure(time_limit=12)
    with pytest.raises(ValidationError) as exc:
        save(proc, steps(8, 60, 24, 8))
    assert exc.value.messages == ["Tổng số giờ các bước (100 giờ) vượt thời hạn giải quyết (96 giờ) 4 giờ."]
    assert not ProcessVersion.objects.exists()
    assert not CatalogEvent.objects.filter(action="process_saved").exists()


def test_steps_shorter_than_the_limit_are_saved_with_a_warning():
    proc = f.procedure(time_limit=12)
    result = save(proc, steps(8, 58, 16, 8))
    assert result.version.number == 1
    assert result.warnings == ["Tổng số giờ các bước (90 giờ) ít hơn thời hạn giải quyết (96 giờ) 6 giờ."]
    assert [s.hours for s in result.version.steps.all()] == [8, 58, 16, 8]


def test_steps_exactly_filling_the_limit_are_saved_without_warning():
    proc = f.procedure(time_limit=12)
    result = save(proc, steps(8, 64, 16, 8))
    assert result.warnings == []
    assert result.version.total_hours() == 96


def test_half_day_limit_is_four_hours_and_fractions_are_written_the_vietnamese_way():
    proc = f.procedure(time_limit="0.5")
    with pytest.raises(ValidationError) as exc:
        save(proc, steps(1, 3.5))
    assert exc.value.messages == ["Tổng số giờ các bước (4,5 giờ) vượt thời hạn giải quyết (4 giờ) 0,5 giờ."]


def test_same_day_procedure_has_one_working_day():
    proc = f.procedure(time_limit=0, same_day_cutoff=datetime.time(15, 0))
    assert save(proc, steps(2, 6)).warnings == []
    with pytest.raises(ValidationError, match="vượt thời hạn giải quyết \\(8 giờ\\) 1 giờ"):
        save(proc, steps(3, 6))


def test_calendar_day_limit_uses_the_same_product_as_an_upper_bound():
    proc = f.procedure(time_limit=30, unit=LimitUnit.CALENDAR_DAYS)
    assert save(proc, steps(40, 200)).warnings == []
    with pytest.raises(ValidationError, match="vượt thời hạn giải quyết \\(240 giờ\\)"):
        save(proc, steps(41, 200))


@pytest.mark.parametrize(
    ("orders", "message"),
    [
        ([1, 3], "Các bước phải được đánh số liên tiếp từ 1 (đang có: 1, 3)."),
        ([2, 3], "Các bước phải được đánh số liên tiếp từ 1 (đang có: 2, 3)."),
        ([1, 1], "Các bước phải được đánh số liên tiếp từ 1 (đang có: 1, 1)."),
    ],
)
def test_step_numbers_must_run_from_one_without_gaps(orders, message):
    proc = f.procedure(time_limit=1)
    step_list = steps(4, 4)
    for step, order in zip(step_list, orders, strict=True):
        step["order"] = order
    with pytest.raises(ValidationError) as exc:
        save(proc, step_list)
    assert message in exc.value.messages
    assert not ProcessVersion.objects.exists()


def test_a_process_needs_a_step_and_its_first_step_cannot_send_back():
    proc = f.procedure(time_limit=1)
    with pytest.raises(ValidationError, match="ít nhất một bước"):
        save(proc, [])
    with pytest.raises(ValidationError) as exc:
        save(proc, steps(4, 4, send_back_first=True))
    assert exc.value.messages == ["Bước đầu tiên không thể trả lại bước trước."]


def test_saving_again_makes_a_new_version_and_leaves_the_old_one_intact():
    proc = f.procedure(time_limit=2)
    first = save(proc, steps(4, 12)).version
    second = save(proc, steps(2, 10, 4), effective_from=DAY + datetime.timedelta(days=30)).version

    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert [(s.order, s.hours) for s in first.steps.all()] == [(1, 4), (2, 12)]
    assert [(s.order, s.hours) for s in second.steps.all()] == [(1, 2), (2, 10), (3, 4)]
    # Dossiers received before the new version's date still follow the first one.
    assert proc.current_process(day=DAY + datetime.timedelta(days=1)) == first
    assert proc.current_process(day=DAY + datetime.timedelta(days=31)) == second
    events = CatalogEvent.objects.filter(procedure=proc, action="process_saved").order_by("pk")
    assert [e.details["version"] for e in events] == [1, 2]
    assert events[0].actor.username == "admin"


def test_an_agency_has_its_own_version_numbers_and_must_be_competent():
    builder = f.agency("000.00.31.H56")
    other = f.agency("000.00.12.H56")
    proc = f.procedure(time_limit=1, agencies=[builder])
    save(proc, steps(8))
    assert save(proc, steps(8), agency=builder).version.number == 1
    assert proc.current_process(agency=builder, day=DAY).agency == builder
    with pytest.raises(ValidationError, match="không có thẩm quyền"):
        save(proc, steps(8), agency=other)


def test_limit_follows_the_working_calendar_hours(monkeypatch):
    monkeypatch.undo()
    calendar = SimpleNamespace(hours_per_day=Decimal("7.5"))
    monkeypatch.setattr("motcua.worktime.calendar.get_calendar", lambda: calendar)
    assert hours_per_working_day() == Decimal("7.5")
    proc = f.procedure(time_limit=2)
    with pytest.raises(ValidationError, match="\\(16 giờ\\) vượt thời hạn giải quyết \\(15 giờ\\) 1 giờ"):
        save(proc, steps(8, 8))


def test_calendar_without_an_hours_figure_means_eight_hours(monkeypatch):
    monkeypatch.undo()
    monkeypatch.setattr("motcua.worktime.calendar.get_calendar", lambda: SimpleNamespace())
    assert hours_per_working_day() == Decimal(8)
