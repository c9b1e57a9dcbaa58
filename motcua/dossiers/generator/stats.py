"""The mix a run produced, counted from the rows it wrote."""

from __future__ import annotations

from collections import Counter

from ..workflow import Status

CLOCK_RUNNING = Status.clock_running()


class Tally:
    def __init__(self, end, reform_day=None):
        self.end, self.reform_day = end, reform_day
        self.n = 0
        self.status: Counter = Counter()
        self.channel: Counter = Counter()
        self.result: Counter = Counter()
        self.seen: Counter = Counter()

    def add(self, sims, agencies) -> None:
        seen = self.seen
        for sim in sims:
            d = sim.d
            self.n += 1
            self.status[d["status"]] += 1
            self.channel[d["channel"]] += 1
            kinds = {p["kind"] for p in sim.pauses}
            actions = {e["action"] for e in sim.events}
            seen["supplement"] += "supplement" in kinds
            seen["obligation"] += "obligation" in kinds
            seen["obligation, clock stopped"] += any(p["kind"] == "obligation" and p["stops_clock"] for p in sim.pauses)
            seen["coordination"] += bool(sim.coordinations)
            seen["apology approved"] += "approve_apology" in actions
            seen["apology declined"] += "reject_apology" in actions
            seen["send back"] += "send_back" in actions
            seen["reassigned"] += "reassign" in actions
            seen["result sent by post"] += bool(sim.shipments)
            seen["overdue, pending"] += bool(d["status"] in CLOCK_RUNNING and d["paused_since"] is None
                                             and d["due_at"] and d["due_at"] < self.end)
            seen["competent agency since dissolved"] += agencies[d["competent_agency_id"]].valid_to is not None
            for rating in sim.ratings:
                seen[f"rated at {rating['stage']}"] += 1
            for event in sim.events:
                if event["action"] == "mark_result_ready":
                    self.result[event["data"]["result"]] += 1

    def merge(self, other: Tally) -> None:
        self.n += other.n
        for mine, theirs in ((self.status, other.status), (self.channel, other.channel),
                             (self.result, other.result), (self.seen, other.seen)):
            mine.update(theirs)

    def lines(self) -> list[str]:
        def pct(part, whole):
            return f"{part:>10,} ({100 * part / whole:5.1f}%)" if whole else f"{part:>10,}"

        out = [f"Hồ sơ: {self.n:,}", "Theo trạng thái:"]
        out += [f"  {s:>2} {Status(s).label:<42}{pct(self.status[s], self.n)}" for s in sorted(self.status)]
        out.append("Theo hình thức nộp:")
        out += [f"  {c:<45}{pct(k, self.n)}" for c, k in self.channel.most_common()]
        done = sum(self.result.values())
        out.append("Kết quả so với hạn (trên số hồ sơ đã có kết quả):")
        out += [f"  {r:<45}{pct(self.result[r], done)}" for r in ("early", "on_time", "late")]
        out.append("Có:")
        out += [f"  {k:<45}{pct(v, self.n)}" for k, v in self.seen.items()]
        return out
