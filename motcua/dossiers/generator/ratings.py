"""Citizens rating the official who served them at the counter (motcua.ratings), drawn with the dossier.

Only where a citizen stands at a counter: a walk-in reception (not one by post) and a result
handed over at the desk, and only for procedures in the rating pilot (every procedure when
RATINGS_ALL_PROCEDURES is set, as the ratings app itself decides). Most ratings are given on
the counter's kiosk a minute or two later; some later through the QR code on the receipt.

`rate` below is `motcua.ratings.services.rate` in memory, like the dossier services in
mirror/: same official (the last actor of the stage's events), same desk and counter, the
moment as `at`. The ratings app sits below dossiers in the dependency order, so it is reached
through the app registry, and only when it is installed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.apps import apps
from django.conf import settings

from motcua.core.text import nfc

# Share of the occasions that get a rating, and what is said. A late result is judged harder.
RATED = {"reception": 0.45, "return": 0.4}
LEVELS = [("very_satisfied", 0.58), ("satisfied", 0.36), ("unsatisfied", 0.06)]
LEVELS_LATE = [("very_satisfied", 0.3), ("satisfied", 0.45), ("unsatisfied", 0.25)]
QR_SHARE = 0.2
# Reasons ticked beside each level (codes of the ratings app's default reasons).
REASONS = {"very_satisfied": ["thai-do", "huong-dan"], "satisfied": ["huong-dan", "thoi-gian-cho", "co-so-vat-chat"],
           "unsatisfied": ["thoi-gian-cho", "thoi-gian-giai-quyet", "giay-to", "huong-dan"]}
COMMENTS = {
    "very_satisfied": ["Cán bộ nhiệt tình, hướng dẫn rõ ràng.", "Cảm ơn cán bộ đã hỗ trợ chu đáo."],
    "satisfied": ["Thủ tục nhanh gọn.", "Nên bố trí thêm ghế chờ."],
    "unsatisfied": ["Phải chờ lâu mới đến lượt.", "Phải bổ sung giấy tờ nhiều lần.", "Trả kết quả trễ hẹn."],
}
STAGE_ACTIONS = {"reception": ("receive", "accept"), "return": ("return_result",)}


def models():
    """(Rating, RatingReason), or None when the ratings app is not installed."""
    if not apps.is_installed("motcua.ratings"):
        return None
    return apps.get_model("ratings", "Rating"), apps.get_model("ratings", "RatingReason")


def all_procedures() -> bool:
    return bool(getattr(settings, "RATINGS_ALL_PROCEDURES", False))


def _pick(rng: random.Random, table) -> str:
    u, total = rng.random(), 0.0
    for name, share in table:
        total += share
        if u < total:
            return name
    return table[-1][0]


def maybe_rate(story, stage: str, late: bool = False) -> None:
    """Right after the stage's action: perhaps a rating, at the kiosk or later by QR code."""
    rng, d, world = story.rng, story.draft, story.world
    if not world.reasons or not (story.proc.pilot or all_procedures()):
        return
    if stage not in story.f.rated and rng.random() >= RATED[stage]:
        return
    level = _pick(rng, LEVELS_LATE if late else LEVELS)
    picked = [code for code in REASONS[level] if code in world.reasons and rng.random() < 0.35]
    comment = rng.choice(COMMENTS[level]) if rng.random() < (0.3 if level == "unsatisfied" else 0.05) else ""
    if rng.random() < QR_SHARE:
        at, channel, counter = d.t + dt.timedelta(hours=rng.uniform(1, 96)), "qr", None
    else:
        counters = world.desks[story.sim.d["desk_id"]].counters
        counter = story.sim.d["counter_id"] if stage == "reception" else (rng.choice(counters) if counters else None)
        if counter is None:
            return  # no counter, no kiosk
        at, channel = d.t + dt.timedelta(seconds=rng.uniform(20, 240)), "kiosk"
    d.aside("rate", at, None, stage=stage, level=level, channel=channel, reasons=picked, comment=comment,
            counter=counter)


def rate(sim, ctx, at, actor, *, stage, level, channel, reasons=(), comment="", counter=None):
    Rating = apps.get_model("ratings", "Rating")
    d = sim.d
    actions = STAGE_ACTIONS[stage]
    latest = max((e for e in sim.events if e["action"] in actions and e["actor_id"] is not None),
                 key=lambda e: e["at"])
    row = {"id": ctx.ids.next(Rating), "dossier_id": d["id"], "stage": stage, "official_id": latest["actor_id"],
           "agency_id": d["competent_agency_id"], "desk_id": ctx.world.counter_desk[counter] if counter else d["desk_id"],
           "counter_id": counter, "level": level, "comment": nfc(comment or "").strip(), "channel": channel, "at": at}
    sim.ratings.append(row)
    for code in sorted(set(reasons)):
        sim.rating_reasons.append({"rating_id": row["id"], "reason_id": ctx.world.reasons[code]})
