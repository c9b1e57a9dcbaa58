"""One dossier's story: reception, the internal steps and what interrupts them, the result.

Moments are drawn on the clock's line of working time (`x`, microseconds); the actions are
applied to the mirror as they are drawn (`Draft.do`). The finishing moment is chosen first
(early, on the due date, or late) and the steps share the time up to it in proportion to
their hours; pauses that stop the legal clock push the finish later by their own length,
as they push the due date.
"""

from __future__ import annotations

import datetime as dt
import random

from motcua.directory.models import RoleKind

from . import people, ratings, texts
from .clock import HOUR
from .mirror import localdate
from .mix import Flags
from .plan import Cut, Draft
from .world import DESK, PROCESSING, SUPERVISING

GATEWAYS = ["vnpay", "payment_platform", "bank_transfer"]
# Share of counter dossiers whose paper documents are scanned at the desk, by year.
DIGITISED = {2019: 0.1, 2020: 0.2, 2021: 0.35, 2022: 0.55, 2023: 0.7, 2024: 0.85, 2025: 0.92, 2026: 0.96}


class Story:
    def __init__(self, planner, rng: random.Random, proc, competent: int, flags: Flags):
        self.p, self.rng, self.proc, self.competent, self.f = planner, rng, proc, competent, flags
        self.world, self.clock = planner.world, planner.clock
        self.draft = Draft(planner.ctx, planner.end)
        self.sim = self.draft.sim
        self.hand: dict[int, int] = {}  # step order -> the official who handled it last
        self.home: int | None = None
        self.apologised = self.sent_back = False
        self.place = ""  # the applicant's commune, set by parties()

    # Who ---------------------------------------------------------------------------------

    def day(self, t: dt.datetime) -> dt.date:
        return localdate(t)

    def one(self, pool):
        if not pool:
            raise Cut
        return self.rng.choice(pool)

    def desk_actor(self, t):
        return self.one(self.world.holders(self.sim.d["receiving_agency_id"], DESK, self.day(t)))

    def worker(self, t):
        pool = self.world.holders(self.competent, PROCESSING, self.day(t))
        mine = self.sim.d["assignee_id"]
        return mine if mine in pool else self.one(pool)

    def supervisor(self, t):
        return self.one(self.world.holders(self.competent, SUPERVISING, self.day(t)))

    def assignee_for(self, role: str, t, prefer=None):
        pool = self.world.candidates(self.competent, role, self.day(t))
        return prefer if prefer in pool else self.one(pool)

    def x(self, t) -> int:
        return self.clock.coord(t)

    def at(self, x) -> dt.datetime:
        return self.clock.at(int(x))

    # Reception ---------------------------------------------------------------------------

    def receive(self, at: dt.datetime, desk: int | None, channel: str) -> None:
        rng, proc, f, d = self.rng, self.proc, self.f, self.draft
        day = self.day(at)
        owner, submitter = self.parties(day)
        files = self.files(channel == "online", day)
        summary = texts.summary(rng, proc.sector, self.place)
        if channel == "online":
            d.do("submit_online", at, None, procedure=proc.pk, owner=owner, competent_agency=self.competent,
                 submitter=submitter, summary=summary, files=files, return_method=f.return_method)
            if proc.fees and not f.fee_late:
                d.do("record_payment", at + dt.timedelta(minutes=rng.uniform(1, 20)), None, amount=proc.fees,
                     method=rng.choice(GATEWAYS), reference="{code}")
            return
        officer = self.one(self.world.desk_officers(desk, day))
        counters = self.world.desks[desk].counters
        d.do("receive_walk_in", at, officer, procedure=proc.pk, owner=owner, desk=desk,
             competent_agency=self.competent, submitter=submitter, counter=rng.choice(counters) if counters else None,
             summary=summary, files=files, sets=2 if proc.sector == "xay-dung" else 1, return_method=f.return_method,
             channel=channel)
        if proc.fees and not f.fee_late:
            method = rng.choice(["cash", "cash", "pos", "bank_transfer"])
            d.do("record_payment", at + dt.timedelta(minutes=rng.uniform(1, 6)), officer, amount=proc.fees,
                 method=method, reference="" if method == "cash" else "{code}")
        if channel == "walk_in":
            ratings.maybe_rate(self, "reception")

    def before_acceptance(self) -> bool:
        """The desk's answer to an online submission; False when the story ends there."""
        rng, f, d = self.rng, self.f, self.draft
        t = self.clock.after(d.t, rng.uniform(0.1, 6))
        if f.before == "refuse":
            d.do("refuse", t, self.desk_actor(t), reason=rng.choice(texts.REFUSE))
            return False
        if f.before == "withdraw":
            d.do("withdraw", t, self.desk_actor(t), reason=rng.choice(texts.WITHDRAW))
            return False
        if f.before in ("supplement", "abandon"):
            back = self.supplement(t, self.desk_actor(t), f.before == "abandon")
            if back is None:
                if rng.random() < 0.6:
                    later = self.clock.visit(d.t, rng.uniform(20, 45), rng.random())
                    d.do("withdraw", later, self.desk_actor(later), reason=texts.WITHDRAW[0])
                return False
            t = self.clock.after(back, rng.uniform(0.1, 3))
        d.do("accept", t, self.desk_actor(t))
        return True

    def supplement(self, t, actor, abandon: bool):
        """Ask for missing papers; the moment they come back, or None if they never do."""
        rng, d = self.rng, self.draft
        docs = self.proc.docs or []
        chosen = rng.sample(docs, min(len(docs), rng.choice([1, 1, 2]))) if docs else []
        items = [doc.name for doc in chosen] or ["Bản sao giấy tờ chứng minh nội dung đề nghị"]
        d.do("request_supplement", t, actor, items=items, reason=rng.choice(texts.SUPPLEMENT),
             deadline=self.day(t) + dt.timedelta(days=15))
        if abandon:
            return None
        back = self.clock.visit(d.t, 0.3 + rng.expovariate(1 / 5), rng.random())
        files = [self._file(doc, True) for doc in chosen] or [{"name": items[0], "copies": 1, "digitised": True}]
        d.do("resubmit", back, self.desk_actor(back), files=files)
        return d.t

    # Applicants and papers ---------------------------------------------------------------

    def parties(self, day):
        rng = self.rng
        self.home, place = self.p.home_commune(rng, self.competent, day)
        self.place = place
        if self.proc.sector == "doanh-nghiep":
            return people.firm(rng, self.home, place), people.person(rng, day, self.home, place)
        owner = people.person(rng, day, self.home, place)
        return owner, people.person(rng, day, self.home, place) if rng.random() < 0.25 else None

    def _file(self, doc, digitised: bool) -> dict:
        return {"required_document": doc.pk, "originals": doc.originals, "certified_copies": doc.certified_copies,
                "copies": doc.copies, "digitised": digitised}

    def files(self, online: bool, day) -> list[dict]:
        rng = self.rng
        share = 1.0 if online else DIGITISED.get(day.year, 0.0 if day.year < 2019 else 0.96)
        digitised = rng.random() < share
        docs = [doc for doc in self.proc.docs if doc.mandatory or rng.random() < 0.4]
        return [self._file(doc, digitised) for doc in docs] or [{"name": "Đơn đề nghị", "originals": 1}]

    # Processing (see work.py) and the result ----------------------------------------------

    def collect(self) -> None:
        """The applicant gets the result: at the desk, by download, or by post."""
        rng, f, d, proc = self.rng, self.f, self.draft, self.proc
        if f.end == "keep":
            return
        ready = d.t
        if f.return_method == "download":
            t, actor = ready + dt.timedelta(days=rng.uniform(0.05, 3)), None
        else:  # the applicant comes to the desk, or the desk posts the result within a day or two
            t = self.clock.visit(ready, rng.expovariate(1 / (2.5 if f.return_method == "desk" else 1.0)), rng.random())
            actor = self.desk_actor(t)
        if proc.fees and f.fee_late:
            pay = t - dt.timedelta(minutes=rng.uniform(1, 10))
            if f.return_method == "desk":
                d.do("record_payment", pay, actor, amount=proc.fees, method="cash", reference="")
            else:
                d.do("record_payment", pay, None, amount=proc.fees, method=rng.choice(GATEWAYS), reference="{code}")
        if f.return_method == "post":
            # The dossier stays "ready" until the post reports delivery, which hands it over.
            tracking = "EMS-{code}"
            d.do("send_by_post", t, actor, tracking_number=tracking)
            d.do("confirm_delivery", t + dt.timedelta(days=rng.uniform(1, 4)), None, tracking_number=tracking)
            return
        d.do("return_result", t, actor, method=f.return_method)
        if actor is not None:
            ratings.maybe_rate(self, "return", late=self.sim.d["finished_at"] > self.sim.d["due_at"])

    def result_number(self) -> str:
        return f"{self.rng.randint(1, 9999)}/{texts.RESULT_SUFFIX.get(self.proc.sector, 'KQ')}"

    def leader(self, t, agency: int):
        pool = self.world.holders(agency, (RoleKind.AGENCY_LEADER,), self.day(t))
        return self.rng.choice(pool) if pool else None

    def hours(self, n: float) -> int:
        return int(n * HOUR)
