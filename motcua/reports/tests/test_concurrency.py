"""Concurrent actions on PostgreSQL: walk-ins and results at once land on the same totals rows
(atomic `col = col + excluded.col`, no deadlock), and a rebuild running in the middle of them is
waited for by their receivers, so the final totals equal a rebuild from scratch and the direct count."""

import datetime

import pytest
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.tests.factories import OWNER, build_dossier_world
from motcua.dossiers.tests.test_concurrency import in_parallel
from motcua.reports import aggregates

from .checks import assert_matches_direct, state

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_actions_and_a_rebuild_keep_the_totals_exact():
    """Walk-ins at once (they queue on the desk's code counter, then share the totals rows), then stops and
    results at once, each time with a rebuild in the middle. (Walk-ins and row-locking actions on one
    procedure are not mixed here: the dossier core's lock() also locks the procedure and agency rows, which
    deadlocks against other transactions' deferred foreign-key checks, with or without the aggregates.)"""
    w = build_dossier_world()
    u = w.users
    first = [services.hand_over(services.receive_walk_in(u["desk_s"], procedure=w.procedure, owner=OWNER),
                                u["desk_s"], assignee=u["specialist_a"]) for _ in range(6)]

    def receive(i):
        if i == 0:
            return aggregates.rebuild()
        return services.receive_walk_in(u["desk_s"], procedure=w.procedure, owner={**OWNER, "name": f"Người {i}"})

    def close(i):
        if i == 0:
            return aggregates.rebuild()
        if i % 2:
            return services.stop(first[i], u["head_a"], reason="Dừng")
        d = services.next_step(services.next_step(first[i], u["specialist_a"]), u["head_a"])
        return services.mark_result_ready(d, u["leader_a"], result_number="1/GP")

    for work in (receive, close):
        results = in_parallel(6, work)
        assert not [r for r in results if isinstance(r, Exception)], results
    incremental = state()
    aggregates.rebuild()
    assert state() == incremental
    today = timezone.localdate()
    assert_matches_direct(today - datetime.timedelta(days=1), today)
    days = state()["days"].values()
    assert sum(row["received_walk_in"] for row in days) == 6 + 5
    assert sum(row["stopped"] for row in days) == 3 and sum(row["early"] for row in days) == 2
