"""How often each thing happens: the shares the generated history is drawn with.

Figures are plausible for a provincial one-stop shop (online share growing after 2020 and
jumping with the 2025 reform, about one result in eight late); change them here only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

# Share of dossiers submitted online, by year, where the procedure is offered online (level ≥ 3).
ONLINE_SHARE = {2017: 0.02, 2018: 0.04, 2019: 0.07, 2020: 0.12, 2021: 0.2, 2022: 0.28, 2023: 0.36, 2024: 0.44,
                2025: 0.55, 2026: 0.62}
POST_SHARE = 0.02  # of counter dossiers, sent by post
GROWTH = 0.12  # more dossiers each year
WEEKEND = 0.22  # online submissions on a day off, relative to a working day (times the online share)

COORDINATION = {"dat-dai": 0.3, "xay-dung": 0.2, "doanh-nghiep": 0.05}
COORDINATION_OTHER = 0.04
OBLIGATION_LAND = 0.5  # where the wait does not count (land procedures)
OBLIGATION_OTHER = 0.02

# What the desk does with an online submission: accept it, ask for papers first (which may
# never come), refuse it, or record the applicant's withdrawal.
BEFORE_ACCEPTANCE = [("accept", 0.84), ("supplement", 0.06), ("abandon", 0.02), ("refuse", 0.05), ("withdraw", 0.03)]


def online_share(year: int) -> float:
    if year in ONLINE_SHARE:
        return ONLINE_SHARE[year]
    return ONLINE_SHARE[min(ONLINE_SHARE)] if year < min(ONLINE_SHARE) else ONLINE_SHARE[max(ONLINE_SHARE)]


@dataclass
class Flags:
    """What will happen to one dossier; the test forces some of them to cover every path."""

    before: str = "accept"  # online only: accept, supplement, abandon, refuse, withdraw
    timing: str = "early"  # early, on_time, late
    late_by: float = 0.0  # working days after the due date, when late
    apology: bool = False
    apology_declined: bool = False  # the leader does not sign it: no new appointment
    coordination: int = 0  # how many agencies are asked
    supplement: bool = False  # asked during processing
    abandon: bool = False  # the supplement asked during processing never comes
    obligation: bool = False
    obligation_unpaid: bool = False
    send_back: bool = False
    reassign: bool = False
    end: str = "return"  # return, keep (result never collected), withdraw, stop
    fee_late: bool = False  # the fee is paid when the result is collected
    return_method: str = "desk"
    rated: tuple[str, ...] = ()  # stages certainly rated, where a rating is possible at all


def _pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    u, total = rng.random() * sum(share for _, share in table), 0.0
    for name, share in table:
        total += share
        if u < total:
            return name
    return table[-1][0]


def draw(rng: random.Random, sector: str, waits_count: bool, online: bool, quick: bool = False,
         force: dict | None = None) -> Flags:
    """`quick`: a same-day procedure, done in hours, which nobody interrupts."""
    f = Flags()
    if online:
        f.before = _pick(rng, BEFORE_ACCEPTANCE)
        f.return_method = _pick(rng, [("download", 0.5), ("desk", 0.35), ("post", 0.15)])
    else:
        f.return_method = "post" if rng.random() < 0.1 else "desk"
    f.timing = _pick(rng, [("early", 0.72), ("on_time", 0.19), ("late", 0.09)])
    f.late_by = min(30.0, 0.1 + rng.expovariate(1 / 3))
    f.apology = f.timing == "late" and rng.random() < 0.55
    f.apology_declined = f.apology and rng.random() < 0.15
    if rng.random() < COORDINATION.get(sector, COORDINATION_OTHER):
        f.coordination = 2 if rng.random() < 0.2 else 1
    f.supplement = rng.random() < 0.06
    f.abandon = f.supplement and rng.random() < 0.2
    f.obligation = rng.random() < (OBLIGATION_LAND if not waits_count else OBLIGATION_OTHER)
    f.obligation_unpaid = f.obligation and rng.random() < 0.05
    f.send_back = rng.random() < 0.05
    f.reassign = rng.random() < 0.04
    f.end = _pick(rng, [("return", 0.965), ("keep", 0.015), ("withdraw", 0.012), ("stop", 0.008)])
    f.fee_late = rng.random() < (0.25 if online else 0.12)
    if quick:
        f.coordination, f.supplement, f.obligation, f.send_back, f.apology = 0, False, False, False, False
    for key, value in (force or {}).items():
        if key not in {x.name for x in fields(Flags)}:
            raise ValueError(f"unknown flag {key}")
        setattr(f, key, value)
    return f
