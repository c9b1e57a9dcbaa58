"""The per-agency evaluation: bands at their bounds, the rules in force by date, what the dossiers and
ratings compute, what is entered by hand and by whom."""

import datetime
from decimal import Decimal

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers import services as ds
from motcua.dossiers.tests.factories import clock_at, local_dt, online, walk_in
from motcua.ratings import services
from motcua.ratings.evaluation import rules_for, v2018
from motcua.ratings.evaluation.compute import evaluate, quarter_of, quarter_range
from motcua.ratings.evaluation.entry import enter_score

pytestmark = pytest.mark.django_db
RULES = v2018.RULES


@pytest.mark.parametrize("total, band", [
    ("18", "excellent"), ("15", "excellent"), ("14.99", "good"), ("12", "good"), ("11.99", "fair"), ("9", "fair"),
    ("8.99", "average"), ("6", "average"), ("5.99", "weak"), ("0", "weak"),
])
def test_bands_are_closed_at_their_lower_bound(total, band):
    assert RULES.band(Decimal(total)).code == band


def test_nine_indicators_of_two_points_each():
    assert len(RULES.indicators) == 9 and RULES.max_total == 18
    assert RULES.entered_codes() == ["agencies_contacted", "publicity", "feedback"]
    assert rules_for(datetime.date(2026, 1, 1)) is RULES and rules_for(datetime.date(2010, 1, 1)) is RULES
    assert RULES.online_points(Decimal("0.5")) == 2 and RULES.online_points(Decimal("0.2")) == 1
    assert RULES.online_points(Decimal("0.19")) == 0


def test_quarters():
    assert quarter_of(datetime.date(2026, 3, 31)) == (2026, 1) and quarter_of(datetime.date(2026, 10, 1)) == (2026, 4)
    start, end = quarter_range(2026, 4)
    assert (start.date(), end.date()) == (datetime.date(2026, 10, 1), datetime.date(2027, 1, 1))


def finish(w, clock, at, *, supplement=False):
    """A walk-in received at `at` and taken to the last step (with one supplement request if asked)."""
    u = w.users
    clock.set(at)
    d = walk_in(w)
    d = ds.hand_over(d, u["desk_s"], assignee=u["specialist_a"])
    if supplement:
        clock.advance(days=1)
        d = ds.request_supplement(d, u["specialist_a"], items=["Bản vẽ"], reason="Thiếu")
        clock.advance(days=2)
        d = ds.resubmit(d, u["desk_s"])
    clock.advance(days=1)
    d = ds.next_step(ds.next_step(d, u["specialist_a"]), u["head_a"])
    return d


def ready(w, clock, d, when, returned=True, rating=None):
    """Its result ready at `when`, handed over at the desk, rated on the receipt's link."""
    clock.set(when)
    d = ds.mark_result_ready(d, w.users["leader_a"], result_number="1/GP", signer="GĐ")
    if returned:
        d = ds.return_result(d, w.users["desk_s"])
    if rating:
        services.rate(d, "reception", rating, channel="qr")
    return d


def test_the_quarter_computed_from_dossiers_and_ratings_plus_entered_scores(world):
    w = world
    agency = w.agencies["A"]
    with clock_at(local_dt(2026, 1, 5, 9, 0)) as clock:
        early = finish(w, clock, local_dt(2026, 1, 5, 9, 0))
        ready(w, clock, early, local_dt(2026, 1, 8, 10, 0), rating="very_satisfied")
        on_time = finish(w, clock, local_dt(2026, 1, 6, 9, 0), supplement=True)
        on_time.refresh_from_db()
        ready(w, clock, on_time, on_time.due_at - datetime.timedelta(minutes=1), rating="unsatisfied")
        late = finish(w, clock, local_dt(2026, 1, 7, 9, 0))
        late.refresh_from_db()
        ready(w, clock, late, late.due_at + datetime.timedelta(days=3), returned=False)
        clock.set(local_dt(2026, 2, 2, 9, 0))
        ds.accept(online(w), w.users["desk_s"])  # 1 of 4 received online: 25 %
    enter_score(w.users["province_admin"], agency, 2026, 1, "publicity", "2")
    enter_score(w.users["province_admin"], agency, 2026, 1, "feedback", Decimal("1.5"), "Trả lời 3/4 phản ánh")

    (result,) = evaluate([agency.pk], 2026, 1)
    scores = {s.code: s.value for s in result.scores}
    assert scores == {
        "total_time": Decimal("1.00"), "agency_time": Decimal("2.00"), "contacts": Decimal("1.67"),
        "agencies_contacted": None, "one_stop": Decimal("1.67"), "publicity": Decimal("2.00"),
        "attitude": Decimal("1.00"), "feedback": Decimal("1.50"), "online": Decimal("1.00"),
    }
    assert result.total == Decimal("11.84") and result.band.code == "fair" and not result.complete
    assert (result.dossiers, result.ratings) == (3, 2)
    enter_score(w.users["province_admin"], agency, 2026, 1, "agencies_contacted", "2")
    enter_score(w.users["province_admin"], agency, 2026, 1, "feedback", "2")  # a correction replaces the score
    (result,) = evaluate([agency.pk], 2026, 1)
    assert result.total == Decimal("14.34") and result.band.code == "good" and result.complete
    # Another quarter has nothing to measure: every indicator missing, total 0, weak.
    (empty,) = evaluate([agency.pk], 2026, 2)
    assert empty.total == 0 and empty.band.code == "weak" and all(s.value is None for s in empty.scores)


@pytest.mark.parametrize("who, ok", [("province_admin", True), ("root", True), ("admin_a", True),
                                     ("admin_b", False), ("leader_a", False), ("supervisor", False)])
def test_who_enters_scores(world, who, ok):
    call = lambda: enter_score(world.users[who], world.agencies["A"], 2026, 1, "publicity", "1")  # noqa: E731
    if ok:
        assert call().score == Decimal("1.00")
    else:
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.code == "not_permitted"


@pytest.mark.parametrize("indicator, score, code", [
    ("attitude", "2", "not_entered"), ("publicity", "2.5", "invalid_score"), ("publicity", "-1", "invalid_score"),
    ("publicity", "abc", "invalid_score"),
])
def test_entered_scores_are_checked(world, indicator, score, code):
    with pytest.raises(DomainError) as refused:
        enter_score(world.users["province_admin"], world.agencies["A"], 2026, 1, indicator, score)
    assert refused.value.code == code


def test_scores_are_entered_in_the_admin_through_the_service(client, world):
    from motcua.directory.tests.signin import sign_in
    from motcua.ratings.models import IndicatorScore

    sign_in(client, "root")
    form = {"agency": world.agencies["A"].pk, "year": 2026, "quarter": 1, "indicator": "publicity", "score": "1.5",
            "note": "Niêm yết đủ"}
    assert client.post("/admin/ratings/indicatorscore/add/", form).status_code == 302
    row = IndicatorScore.objects.get()
    assert (row.score, row.entered_by) == (Decimal("1.50"), world.users["root"])
    # A correction edits the quarter's row (a second one is refused); a computed indicator is refused too.
    assert client.post("/admin/ratings/indicatorscore/add/", {**form, "score": "2"}).status_code == 200
    assert client.post(f"/admin/ratings/indicatorscore/{row.pk}/change/", {**form, "score": "2"}).status_code == 302
    assert IndicatorScore.objects.get().score == Decimal("2.00")
    refused = client.post("/admin/ratings/indicatorscore/add/", {**form, "indicator": "attitude"})
    assert refused.status_code == 200 and "được tính từ dữ liệu" in refused.content.decode()
