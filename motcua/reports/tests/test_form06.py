"""Form 06 on the hand-built history of dataset.py: every column, the identity, both history modes,
subtrees, and the aggregates against the direct count (incremental and rebuilt)."""

import datetime

import pytest

from motcua.dossiers.models import DossierEvent
from motcua.reports import aggregates, form06
from motcua.reports.periods import Period
from motcua.reports.scope import AS_IT_WAS, ROLLED_UP, Tree

from . import dataset
from .checks import assert_matches_direct, assert_rebuild_reproduces

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]
MONTH = Period(dataset.T1, dataset.T2, "Tháng 7/2025")
ZERO = dict.fromkeys(["carried", "received_online", "received_direct", "early", "on_time", "late", "withdrawn",
                      "stopped", "pending_on_time", "overdue"], 0)


def report(w, mode=AS_IT_WAS, root=None):
    tree = Tree()
    ids = tree.covered(w.agencies[root] if root else None, mode, None)
    return form06.build(MONTH, tree=tree, agencies=ids, mode=mode, agency_label="x")


def lines(rep):
    return {(line.kind, line.label): line.values for line in rep.lines}


def expect(**values):
    v = ZERO | values
    v["resolved"] = v["early"] + v["on_time"] + v["late"]
    v["pending"] = v["pending_on_time"] + v["overdue"]
    v["total"] = v["carried"] + v["received_online"] + v["received_direct"]
    return v


def shown(values):
    return {k: values[k] for k in expect()}


def test_the_story_went_as_planned(history):
    w, d = history
    assert d.online_on_time.finished_at == d.online_on_time.due_at  # on the due instant: on time
    assert d.late.finished_at > d.late.due_at
    assert d.carried_overdue.due_at.date() < dataset.T2 and d.carried_overdue.finished_at is None
    assert d.supplement.status == 4  # resubmitted after T2; waiting at T2
    # Overdue at T2 although today's due date lies after T2 (a supplement after T2 moved it) and it waits now.
    at_t2 = (DossierEvent.objects.filter(dossier=d.overdue_then, at__lt=form06_end())
             .order_by("-at", "-pk").values_list("due_at", flat=True).first())
    assert at_t2 < form06_end() < d.overdue_then.due_at
    assert d.overdue_then.status == 5 and not d.overdue_then.is_overdue


def form06_end():
    from motcua.reports.direct import midnight

    return midnight(dataset.T2 + datetime.timedelta(days=1))


def test_every_column_as_it_was(history):
    w, _d = history
    got = lines(report(w))
    department = expect(carried=2, received_online=1, received_direct=6, early=1, on_time=1, late=1,
                        withdrawn=1, stopped=1, pending_on_time=2, overdue=2)
    district = expect(received_direct=2, late=1, overdue=1)
    commune = expect(received_direct=2, early=2)
    levels = {label: shown(v) for (kind, label), v in got.items() if kind == "level"}
    assert levels == {"Sở": department, "Huyện": district, "Xã": commune}
    assert shown(got[("total", "Tổng cộng")]) == expect(
        carried=2, received_online=1, received_direct=10, early=3, on_time=1, late=2, withdrawn=1, stopped=1,
        pending_on_time=2, overdue=3)
    sectors = [(line.kind, line.label) for line in report(w).lines]
    assert sectors == [("level", "Sở"), ("sector", "Xây dựng"), ("level", "Huyện"), ("sector", "Xây dựng"),
                       ("level", "Xã"), ("sector", "Chứng thực"), ("total", "Tổng cộng")]


def test_rolled_up_moves_the_dissolved_district_to_its_commune(history):
    w, _d = history
    rep = report(w, ROLLED_UP)
    assert [(line.kind, line.label) for line in rep.lines] == [
        ("level", "Sở"), ("sector", "Xây dựng"), ("level", "Xã"), ("sector", "Chứng thực"),
        ("sector", "Xây dựng"), ("total", "Tổng cộng")]
    got = {label: shown(v) for (kind, label), v in lines(rep).items() if kind == "level"}
    assert got["Xã"] == expect(received_direct=4, early=2, late=1, overdue=1)
    assert shown(rep.total) == shown(report(w).total)


def test_subtrees_follow_the_history_mode(history):
    w, _d = history
    # Xã Mới as it was: only its own dossier; rolled up: also the dissolved district's and old commune's.
    assert shown(report(w, AS_IT_WAS, "C2").total) == expect(received_direct=1, early=1)
    assert shown(report(w, ROLLED_UP, "C2").total) == expect(received_direct=4, early=2, late=1, overdue=1)
    assert shown(report(w, AS_IT_WAS, "D").total) == expect(received_direct=3, early=1, late=1, overdue=1)
    assert shown(report(w, ROLLED_UP, "D").total) == expect()  # nothing lives under a dissolved agency now
    assert shown(report(w, AS_IT_WAS, "A").total) == shown(lines(report(w))[("level", "Sở")])


@pytest.mark.parametrize("mode", [AS_IT_WAS, ROLLED_UP])
def test_identity_on_every_line(history, mode):
    w, _d = history
    for line in report(w, mode).lines:
        v = line.values
        assert v["carried"] + v["received_online"] + v["received_direct"] == (
            v["early"] + v["on_time"] + v["late"] + v["withdrawn"] + v["stopped"] + v["pending"]), line


def test_aggregates_equal_the_direct_count(history):
    periods = [(dataset.T1, dataset.T2), (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30)),
               (datetime.date(2025, 7, 1), datetime.date(2025, 7, 31)), (datetime.date(2025, 5, 15),
                                                                      datetime.date(2025, 12, 14)),
               (datetime.date(2025, 6, 20), datetime.date(2025, 6, 20)),
               # The official year 2025 (one year row) and the month after it (years before it).
               (datetime.date(2024, 12, 15), datetime.date(2025, 12, 14)),
               (datetime.date(2025, 12, 15), datetime.date(2026, 1, 14))]
    for t1, t2 in periods:
        assert_matches_direct(t1, t2)
    assert_rebuild_reproduces()
    for t1, t2 in periods:
        assert_matches_direct(t1, t2)


def test_rebuild_since_a_day_keeps_the_totals(history):
    from .checks import state

    before = state()
    aggregates.rebuild(since=dataset.NOW - datetime.timedelta(days=20))
    assert state() == before
