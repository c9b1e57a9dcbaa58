"""The generator: days → arrivals → plans → rows, one transaction per batch."""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.worktime.calendar import get_calendar

from ..models import Dossier
from . import indexes, mix, parallel, timeline
from .offer import Offer
from .planner import Planner
from .stats import Tally
from .world import World
from .writer import Ids, Writer

# A load this large (and at least as large as what the tables hold) drops the plain indexes
# and builds them at the end (indexes.py).
BULK = 100_000


@contextmanager
def few_collections():
    """Fewer runs of the cycle collector while generating.

    A batch holds some hundred thousand fresh dicts and lists, nearly all freed by reference
    counting, yet each few hundred allocations start a collection that walks the young ones and
    now and then everything alive (the world, the batch): a quarter of the planning time, measured.
    The world is moved out of its sight (`freeze`) and collections come every 50,000 allocations.
    """
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def chunked(days: list, size: int) -> list[list]:
    """Runs of consecutive days holding about `size` dossiers each."""
    out, current, held = [], [], 0
    for day, n in days:
        current.append((day, n))
        held += n
        if held >= size:
            out.append(current)
            current, held = [], 0
    if current:
        out.append(current)
    return out


class NothingToGenerate(Exception):
    """The database lacks what dossiers need; the message says what, in Vietnamese."""


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class Generator:
    def __init__(self, *, seed: int = 1, years: int = 3, end: dt.datetime | None = None):
        self.seed = seed
        self.end = end or timezone.now()
        self.world = world = World.load()
        if not world.procedures:
            raise NothingToGenerate(_("Chưa có thủ tục hành chính nào đang áp dụng: hãy nạp danh mục thủ tục "
                                      "(ví dụ “manage.py seed_demo”) trước khi sinh hồ sơ."))
        if not world.desks:
            raise NothingToGenerate(_("Chưa có bộ phận một cửa nào: hãy khai báo bộ phận một cửa và cán bộ "
                                      "(ví dụ “manage.py seed_demo”) trước khi sinh hồ sơ."))
        self.first = years_before(timezone.localdate(self.end), years)
        self.ids = Ids()
        self.planner = Planner(world, get_calendar(), self.ids, self.first, self.end)
        self.clock = self.planner.clock
        self.offer = Offer(world, seed)
        self.writer = Writer({a.pk: a.code for a in world.agencies.values()})
        self.tally = Tally(self.end)
        self.index_seconds = 0.0

    def arrivals(self, rng: random.Random, day: dt.date, n: int, online: bool | None = None, where=None):
        """n (moment, choice) on `day`, in the order of their moments."""
        clock, offer = self.clock, self.offer
        walk_ok = clock.is_working_day(day) and offer.available(day, False)
        online_ok = offer.available(day, True)
        out = []
        for _i in range(n):
            wants = online if online is not None else online_ok and (
                not walk_ok or rng.random() < mix.online_share(day.year))
            choice = offer.pick(rng, day, wants, mix.POST_SHARE, where=where)
            out.append((timeline.moment(rng, clock, day, wants, self.end), choice))
        out.sort(key=lambda arrival: arrival[0])
        return out

    def run(self, count: int, batch: int = 5000, progress=None, workers: int = 1,
            drop_indexes: bool | None = None, say=None) -> Tally:
        """`drop_indexes`: None decides by size (BULK); False keeps them, True drops them when it can."""
        days = timeline.day_counts(self.clock, self.offer, self.first, self.end, count)
        if not days:
            raise NothingToGenerate(_("Không có thủ tục nào tiếp nhận được trong khoảng thời gian đã chọn: thiếu "
                                      "cơ quan đang hoạt động, bộ phận một cửa hoặc cán bộ có vai trò."))
        chunks = chunked(days, batch)
        bulk = indexes.usable()
        if bulk:
            self._restore_indexes(say)  # what an interrupted load left behind
            if drop_indexes is None:
                drop_indexes = count >= BULK and count >= self.world_size()
            bulk = drop_indexes
        if bulk:
            indexes.drop(self.writer.models)
        try:
            with few_collections():
                # Other processes would not see rows of a transaction still open here (a test's, say),
                # and forking must close this connection: inside one, work alone.
                if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
                    parallel.run(self, chunks, batch, progress, workers)
                else:
                    self.run_days([day for chunk in chunks for day in chunk], batch, progress)
        finally:
            if bulk:
                if progress is not None:
                    progress.close()
                self._restore_indexes(say)
        return self.tally

    def world_size(self) -> int:
        """Dossiers already in the table (the planner's estimate: counting them would take a scan)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
                           [Dossier._meta.db_table])
            return cursor.fetchone()[0]

    def _restore_indexes(self, say) -> None:
        started = time.monotonic()
        built = indexes.restore(self.writer.models, say)
        if built:
            self.index_seconds += time.monotonic() - started

    def run_days(self, days, batch: int, progress=None) -> None:
        queue = []
        for day, n in days:
            rng = random.Random(f"{self.seed}:{day.isoformat()}")
            for at, choice in self.arrivals(rng, day, n):
                queue.append((rng, at, choice, None))
                if len(queue) >= batch:
                    self.flush(queue, progress)
                    queue = []
        self.flush(queue, progress)

    def flush(self, queue, progress=None) -> list:
        """Plan and write a batch in one transaction; the drafts, for whoever wants the plans."""
        if not queue:
            return []
        with transaction.atomic():
            # SQLite's keys continue the tables' largest, read under this transaction's write lock.
            self.planner.ctx.ids = self.ids if connection.vendor == "postgresql" else Ids()
            drafts = [self.planner.dossier(rng, at, choice, force)[0] for rng, at, choice, force in queue]
            drafts = [d for d in drafts if d.acts]
            sims = [d.sim for d in drafts]
            self.writer.write(sims, self.planner.ctx.ids)
        self.tally.add(sims, self.world.agencies)
        if progress is not None:
            progress.update(len(queue))
        return drafts
