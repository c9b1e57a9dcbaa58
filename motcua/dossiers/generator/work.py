"""Inside the competent agency: hand-over, the internal steps, and what interrupts them.

Everything that interrupts a dossier happens during its first working step (the specialist's
review), in this order: reassignment, coordination (answered before anything else, since an
answer needs status 4), a supplement request, withdrawal or stop, a financial obligation.
A send-back happens at a later step that allows it; an apology just before the step during
which the due date passes.
"""

from __future__ import annotations

import datetime as dt

from motcua.directory.models import RoleKind

from . import texts
from .plan import Cut
from .story import Story
from .world import PROCESSING


def process(s: Story) -> None:
    rng, d, sim = s.rng, s.draft, s.sim
    steps = sim.version.work_steps if sim.version else []
    quick = s.proc.cutoff is not None
    hand_at = s.at(s.x(d.t) + s.hours(rng.uniform(0.05, 0.5) if quick else rng.uniform(0.2, 8)))
    first_role = steps[0].role if steps else RoleKind.SPECIALIST
    d.do("hand_over", hand_at, s.desk_actor(hand_at), assignee=s.assignee_for(first_role, hand_at))
    x_h = s.x(d.t)
    span = max(finish_target(s, x_h) - x_h, s.hours(0.05))
    weights = [float(step.hours) * rng.uniform(0.6, 1.4) for step in steps] or [1.0]
    budgets = [span * w / sum(weights) for w in weights]
    for i, step in enumerate(steps or [None]):
        if step is not None:
            s.hand[step.order] = sim.d["assignee_id"]
        x_end = s.x(d.t) + budgets[i]
        if i == 0:
            x_end = first_step(s, x_end)
        elif s.f.send_back and step.may_send_back and not s.sent_back:
            x_end = send_back(s, steps, i, x_end, budgets)
        apologise(s, x_end)
        t_end = s.at(max(x_end, s.x(d.t)))
        actor = sim.d["assignee_id"]
        if i + 1 < len(steps):
            following = steps[i + 1]
            d.do("next_step", t_end, actor, assignee=s.assignee_for(following.role, t_end))
        else:
            d.do("mark_result_ready", t_end, actor, result_number=s.result_number(),
                 signer=s.world.full_names[actor])


def finish_target(s: Story, x_h: int) -> int:
    """When the result is ready: before the due date's day, on that day, or after the due date."""
    rng, x_due = s.rng, s.x(s.sim.d["due_at"])
    if s.f.timing == "late":
        return x_due + s.hours(8 * s.f.late_by)
    # x_due at a closing time is the end of its day, not the start of the next one.
    opening = (x_due - 1) // s.clock.day * s.clock.day
    if s.f.timing == "early" and opening - x_h > s.hours(0.1):
        return int(x_h + max(0.02, 0.97 * rng.betavariate(2, 3)) * (opening - x_h))
    low = max(x_h, opening)
    return int(low + rng.uniform(0.05, 0.98) * max(x_due - low, s.hours(0.02)))


def first_step(s: Story, x_end: int) -> int:
    rng, f, d, sim = s.rng, s.f, s.draft, s.sim
    x0 = s.x(d.t)
    budget = max(x_end - x0, s.hours(0.1))
    if f.reassign:
        t = s.at(x0 + 0.08 * budget)
        step = s.world.steps.get(sim.d["current_step_id"])
        role = step.role if step else RoleKind.SPECIALIST
        pool = [u for u in s.world.candidates(s.competent, role, s.day(t)) if u != sim.d["assignee_id"]]
        if pool:
            actor = sim.d["assignee_id"] if rng.random() < 0.5 else s.supervisor(t)
            d.do("reassign", t, actor, assignee=rng.choice(pool), note="Điều chỉnh phân công do cán bộ đi công tác.")
            if step:
                s.hand[step.order] = sim.d["assignee_id"]
    if f.coordination:
        x_end = coordinate(s, max(s.x(d.t), x0 + 0.2 * budget), x_end)
    if f.supplement:
        t = s.at(max(s.x(d.t), x0 + 0.45 * budget))
        back = s.supplement(t, s.worker(t), f.abandon)
        if back is None:
            later = s.clock.visit(d.t, rng.uniform(30, 60), rng.random())
            d.do("stop", later, s.supervisor(later), reason=texts.STOP_ABANDONED)
            raise Cut
        x_end += s.x(back) - s.x(t)
    if f.end in ("withdraw", "stop"):
        t = s.at(max(s.x(d.t), x0 + 0.6 * budget))
        if f.end == "withdraw":
            d.do("withdraw", t, s.desk_actor(t), reason=rng.choice(texts.WITHDRAW))
        else:
            d.do("stop", t, s.supervisor(t), reason=rng.choice(texts.STOP[1:]))
        raise Cut
    if f.obligation:
        t = s.at(max(s.x(d.t), x_end - 0.05 * budget))
        d.do("request_obligation", t, s.worker(t), amount=rng.randint(2, 400) * 500_000,
             reason=rng.choice(texts.OBLIGATION), deadline=s.day(t) + dt.timedelta(days=30))
        if f.obligation_unpaid:
            raise Cut
        paid = s.clock.visit(d.t, 1 + rng.expovariate(1 / 10), rng.random())
        if rng.random() < 0.5:
            d.do("record_obligation_paid", paid, None, method="tax_portal", reference="{code}-NVTC")
        else:
            d.do("record_obligation_paid", paid, s.desk_actor(paid), method="desk")
        x_end = s.x(d.t) + int(0.05 * budget)
    return x_end


def coordinate(s: Story, x_ask: int, x_end: int) -> int:
    rng, d = s.rng, s.draft
    t = s.at(x_ask)
    actor = s.worker(t)
    requests = texts.COORDINATION.get(s.proc.sector, texts.COORDINATION[""])
    answers = []
    room = max(x_end - x_ask, s.hours(1))
    for agency in targets(s, s.day(t), s.f.coordination):
        d.do("request_coordination", t, actor, agency=agency, request=rng.choice(requests))
        # Most answers come within the time the step has left; some take days and make it late.
        wait = rng.uniform(0.2, 0.9) * room if rng.random() < 0.8 else s.hours(8 * (1 + rng.expovariate(1 / 2)))
        answers.append((s.x(d.t) + int(wait), agency))
    for x_answer, agency in sorted(answers):
        when = s.at(max(x_answer, s.x(d.t)))
        official = s.one(s.world.holders(agency, PROCESSING, s.day(when)))
        d.do("answer_coordination", when, official, answer=rng.choice(texts.ANSWER), agency=agency)
    return max(x_end, s.x(d.t) + s.hours(rng.uniform(0.2, 4)))


def targets(s: Story, day, count: int) -> list[int]:
    """The applicant's commune first (it confirms facts), then departments."""
    world = s.world
    communes = world.communes_on(day)
    prefs = [s.home] if s.home in communes else []
    prefs += s.rng.sample(world.departments_on(day), len(world.departments_on(day)))
    chosen = []
    for agency in prefs:
        if agency != s.competent and agency not in chosen and world.holders(agency, PROCESSING, day):
            chosen.append(agency)
            if len(chosen) == count:
                break
    return chosen


def send_back(s: Story, steps, i: int, x_end: int, budgets) -> int:
    """The head or leader returns the draft to the previous step, which sends it up again."""
    rng, d, sim = s.rng, s.draft, s.sim
    s.sent_back = True
    x0 = s.x(d.t)
    t = s.at(x0 + (x_end - x0) // 2)
    previous, step = steps[i - 1], steps[i]
    back_to = s.assignee_for(previous.role, t, prefer=s.hand.get(previous.order))
    d.do("send_back", t, sim.d["assignee_id"], note=rng.choice(texts.SEND_BACK), assignee=back_to)
    t2 = s.at(s.x(d.t) + budgets[i - 1] * rng.uniform(0.1, 0.4))
    d.do("next_step", t2, back_to, assignee=s.assignee_for(step.role, t2, prefer=s.hand.get(step.order)))
    s.hand[step.order] = sim.d["assignee_id"]
    return s.x(d.t) + (x_end - x0) // 2


def apologise(s: Story, x_end: int) -> None:
    """Before the due date passes, the agency apologises with a new appointment (Mẫu 04)."""
    rng, d, sim = s.rng, s.draft, s.sim
    due = sim.d["due_at"]
    if not s.f.apology or s.apologised or x_end <= s.x(due):
        return
    s.apologised = True
    t = s.at(max(s.x(d.t) + s.hours(0.05), s.x(due) - s.hours(rng.uniform(1, 16))))
    if not d.t < t < due:
        return
    new_day = s.day(s.at(x_end + s.hours(8 * rng.uniform(0.5, 3))))
    closing = s.p.ctx.cal.hours.closing
    new_due = dt.datetime.combine(new_day, closing, tzinfo=s.clock.tz)
    while new_due <= due:
        new_due += dt.timedelta(days=1)
    d.do("propose_apology", t, s.worker(t), reason=rng.choice(texts.APOLOGY), new_due_at=new_due)
    when = s.at(min(s.x(d.t) + s.hours(rng.uniform(0.3, 4)), x_end - s.hours(0.01)))
    leader = s.leader(when, s.competent)
    if leader is not None and s.f.apology_declined:
        d.do("reject_apology", when, leader, reason=rng.choice(texts.APOLOGY_DECLINED))
    elif leader is not None:
        d.do("approve_apology", when, leader)
