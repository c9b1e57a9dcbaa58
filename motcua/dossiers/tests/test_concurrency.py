"""Concurrent officials: gap-free codes, one winner per action, no double steps.

Each thread has its own database connection (closed when the thread ends) and commits for real,
hence `transaction=True`. The 50-thread cases need PostgreSQL's row locks; the 10-thread case runs on
both databases (on SQLite, writers queue on BEGIN IMMEDIATE and the busy timeout instead of failing).
"""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent, Party

from .factories import OWNER, Api, build_dossier_world, token_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    w = build_dossier_world()
    w.api_tokens = {name: token_for(user) for name, user in w.users.items()}
    return w


@pytest.fixture
def database(world, tmp_path):
    """The database the threads share: PostgreSQL's as it is; on SQLite, a file copy of the test database.

    SQLite's test database lives in shared-cache memory, where a second writer fails at once ("database
    table is locked") instead of waiting; production's SQLite is a file in WAL mode with BEGIN IMMEDIATE
    and a busy timeout (settings.py), and that is what these tests are about. So on SQLite every
    connection of the test, the main thread's included, goes to a file copy made with the same options.
    """
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    on_file = {**connection.settings_dict, "NAME": str(path)}
    in_memory = connections["default"]

    def use_file():
        connections["default"] = type(in_memory)(on_file, "default")

    use_file()
    yield use_file
    connections["default"].close()
    connections["default"] = in_memory


def in_parallel(n: int, fn, use_database=lambda: None):
    """Run fn(i) in n threads released together; each closes its connection. Returns results or exceptions."""
    barrier = threading.Barrier(n, timeout=60)

    def run(i):
        use_database()
        try:
            barrier.wait()
            return fn(i)
        except Exception as exc:  # noqa: BLE001 — the caller inspects what each thread got
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def receive(w, i, **kwargs):
    owner = {**OWNER, "name": f"Người nộp {i}", "id_number": f"0600900{i:05d}"}
    return services.receive_walk_in(w.users["desk_s"], procedure=w.procedure, owner=owner, **kwargs).code


def numbers(codes) -> list[int]:
    return sorted(int(code.rsplit("-", 1)[1]) for code in codes)


def test_concurrent_receptions_wait_and_all_succeed(world, database):
    """Runs on SQLite too: ten desk officers' clicks at once queue instead of failing."""
    results = in_parallel(10, lambda i: receive(world, i), database)
    assert all(isinstance(r, str) for r in results), results
    assert numbers(results) == list(range(1, 11))
    assert len({code.rsplit("-", 1)[0] for code in results}) == 1  # one agency, one day
    assert Dossier.objects.count() == 10 and DossierEvent.objects.filter(action="receive").count() == 10
    # A reception that fails after taking its number (a document not in the checklist) gives it back.
    with pytest.raises(DomainError):
        receive(world, 11, files=[{"required_document": 999_999}])
    assert receive(world, 12).endswith("-0011")


@pytest.mark.postgres
def test_fifty_receptions_at_one_desk_get_consecutive_numbers(world):
    results = in_parallel(50, lambda i: receive(world, i))
    assert all(isinstance(r, str) for r in results), [r for r in results if not isinstance(r, str)][:3]
    assert numbers(results) == list(range(1, 51))
    prefix = results[0].rsplit("-", 1)[0]
    assert sorted(results) == [f"{prefix}-{n:04d}" for n in range(1, 51)]
    assert DossierCounter.objects.get(agency=world.agencies["S"]).last == 50


@pytest.mark.postgres
def test_receptions_that_fail_after_taking_a_number_leave_no_gap(world):
    """Every fourth reception names a document that is not in the procedure's checklist: it fails after
    its number was taken, and the rollback gives the number back."""
    bad_file = [{"required_document": 999_999}]
    results = in_parallel(20, lambda i: receive(world, i, files=bad_file if i % 4 == 3 else []))
    failed = [r for r in results if isinstance(r, Exception)]
    assert len(failed) == 5 and all(isinstance(e, DomainError) and e.code == "unknown_document" for e in failed)
    assert numbers(r for r in results if isinstance(r, str)) == list(range(1, 16))
    # Nothing of the failed ones stays behind.
    assert Party.objects.count() == 15
    assert receive(world, 99).endswith("-0016")


@pytest.mark.postgres
def test_two_officials_same_action_one_wins(world):
    """Two desk officers accept the same online submission at once, then hand it over at once."""
    d = services.submit_online(world.users["citizen"], procedure=world.procedure, owner=OWNER)
    for action in ("accept", "hand_over"):
        events = DossierEvent.objects.filter(dossier=d).count()

        def click(i, action=action):
            # One test client per thread: a client is not thread-safe.
            return Api(Client(), world.api_tokens).act("desk_s", d.code, action, {}).status_code

        statuses = in_parallel(2, click)
        assert sorted(statuses) == [200, 409], (action, statuses)
        assert DossierEvent.objects.filter(dossier=d).count() == events + 1
        assert DossierEvent.objects.filter(dossier=d, action=action).count() == 1
    d.refresh_from_db()
    assert d.status == 4


@pytest.mark.postgres
def test_double_click_on_next_step_moves_one_step(world):
    d = services.receive_walk_in(world.users["desk_s"], procedure=world.procedure, owner=OWNER)
    d = services.hand_over(d, world.users["desk_s"], assignee=world.users["specialist_a"])
    assert d.current_step.order == 2

    def click(i):
        return Api(Client(), world.api_tokens).act("specialist_a", d.code, "next_step", {}).status_code

    statuses = in_parallel(2, click)
    # The second click finds the dossier already with the head of division: it is no longer the
    # specialist's to move.
    assert sorted(statuses) == [200, 403], statuses
    d.refresh_from_db()
    assert d.current_step.order == 3
    assert DossierEvent.objects.filter(dossier=d, action="next_step").count() == 1


@pytest.mark.postgres
def test_double_click_by_the_head_of_division_moves_one_step(world):
    d = services.receive_walk_in(world.users["desk_s"], procedure=world.procedure, owner=OWNER)
    d = services.hand_over(d, world.users["desk_s"], assignee=world.users["specialist_a"])

    def click(i):
        # Both clicks carry the step the page showed; the second finds the dossier moved on.
        return Api(Client(), world.api_tokens).act("head_a", d.code, "next_step", {"step": 2}).status_code

    assert sorted(in_parallel(2, click)) == [200, 409]
    d.refresh_from_db()
    assert d.current_step.order == 3
