"""Several processes, each planning and writing its own days (PostgreSQL only).

Days are dealt out in runs of about one batch, so the processes never touch the same
DossierCounter row (codes are per agency and day) and each day is drawn from its own seeded
RNG: the content is the same whatever the number of processes; only primary keys differ.
"""

from __future__ import annotations

import multiprocessing
import traceback

from django.db import connections

from .stats import Tally
from .writer import Ids


class _Report:
    def __init__(self, queue):
        self.queue = queue

    def update(self, n: int) -> None:
        self.queue.put(("done", n))


def _work(generator, chunks, batch: int, queue) -> None:
    try:
        # Keys reserved before the fork would be handed out twice: each process reserves its own.
        generator.ids = Ids()
        generator.tally = Tally(generator.end)
        generator.run_days([day for chunk in chunks for day in chunk], batch, _Report(queue))
        queue.put(("tally", generator.tally))
    except BaseException:
        queue.put(("error", traceback.format_exc()))
    finally:
        connections.close_all()


def run(generator, chunks: list, batch: int, progress, workers: int) -> None:
    connections.close_all()  # a connection must not be shared across a fork
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_work, args=(generator, chunks[i::workers], batch, queue), daemon=True)
                 for i in range(workers)]
    for process in processes:
        process.start()
    finished, errors = 0, []
    try:
        while finished < workers:
            kind, value = queue.get()
            if kind == "done":
                if progress is not None:
                    progress.update(value)
            elif kind == "tally":
                generator.tally.merge(value)
                finished += 1
            else:
                errors.append(value)
                finished += 1
                for process in processes:
                    process.terminate()
                break
    finally:
        for process in processes:
            process.join()
    if errors:
        raise RuntimeError(f"a generator process failed:\n{errors[0]}")
