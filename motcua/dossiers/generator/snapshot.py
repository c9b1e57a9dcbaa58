"""The dossiers' content as plain values, comparable between two databases or two runs.

Keys of generated rows differ between a generated and a replayed history, so they are
replaced by what they point at: a party by its content, a dossier by its code, a
coordination request or an apology (named in an event's data) by its rank within its
dossier. Rows of the world (agencies, officials, procedures, steps) keep their keys: both
histories are written over the same world.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import (
    Apology,
    Coordination,
    Dossier,
    DossierCounter,
    DossierEvent,
    DossierFile,
    Party,
    Pause,
    Payment,
    Shipment,
)
from . import ratings


def _values(obj, skip=()) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if not f.primary_key and f.attname not in skip}


def _children(model, order: tuple[str, ...], codes: dict[int, str]) -> dict[str, list]:
    out = defaultdict(list)
    for row in model.objects.filter(dossier_id__in=codes).order_by("dossier_id", *order, "pk"):
        out[codes[row.dossier_id]].append(row)
    return out


def snapshot() -> dict:
    parties = {p.pk: _values(p) for p in Party.objects.all()}
    codes = dict(Dossier.objects.values_list("pk", "code"))
    ranks: dict[tuple[str, int], int] = {}
    for key, model, order in (("coordination", Coordination, "requested_at"), ("apology", Apology, "proposed_at")):
        for rows in _children(model, (order,), codes).values():
            for rank, row in enumerate(rows):
                ranks[(key, row.pk)] = rank

    def plain(rows, skip=("dossier_id",)):
        return [_values(r, skip) for r in rows]

    files = _children(DossierFile, (), codes)
    pauses = _children(Pause, ("started_at",), codes)
    coordinations = _children(Coordination, ("requested_at",), codes)
    apologies = _children(Apology, ("proposed_at",), codes)
    payments = _children(Payment, ("paid_at",), codes)
    shipments = _children(Shipment, ("sent_at",), codes)
    events = _children(DossierEvent, ("at",), codes)
    rating_models = ratings.models()
    given = _children(rating_models[0], ("stage",), codes) if rating_models else {}
    ticked = defaultdict(list)
    if rating_models:
        for rating_id, reason_id in rating_models[1].objects.values_list("rating_id", "reason_id"):
            ticked[rating_id].append(reason_id)
    dossiers = {}
    for d in Dossier.objects.all():
        row = _values(d, skip=("owner_id", "submitter_id"))
        row["owner"] = parties[d.owner_id]
        row["submitter"] = parties.get(d.submitter_id)
        trail = plain(events[d.code])
        for event in trail:
            for key in ("coordination", "apology"):
                if key in event["data"]:
                    event["data"][key] = ranks[(key, event["data"][key])]
        dossiers[d.code] = {
            "dossier": row, "files": plain(files[d.code]), "pauses": plain(pauses[d.code]),
            "coordinations": plain(coordinations[d.code]), "apologies": plain(apologies[d.code]),
            "payments": plain(payments[d.code]), "shipments": plain(shipments[d.code]), "events": trail,
            "ratings": [{**_values(r, ("dossier_id",)), "reasons": sorted(ticked[r.pk])} for r in given.get(d.code, [])],
        }
    counters = sorted(DossierCounter.objects.values_list("agency_id", "day", "last"))
    return {"dossiers": dossiers, "counters": counters}


def differences(a: dict, b: dict, limit: int = 20) -> list[str]:
    """Where two snapshots differ, field by field; empty when they are the same."""
    out = []
    if a["counters"] != b["counters"]:
        out.append(f"counters: {sorted(set(a['counters']) ^ set(b['counters']))[:5]}")
    for code in sorted(set(a["dossiers"]) | set(b["dossiers"])):
        left, right = a["dossiers"].get(code), b["dossiers"].get(code)
        if left is None or right is None:
            out.append(f"{code}: only in {'second' if left is None else 'first'}")
            continue
        for part in left:
            one, two = left[part], right[part]
            if part == "dossier":
                one, two = [one], [two]
            if len(one) != len(two):
                out.append(f"{code} {part}: {len(one)} rows vs {len(two)}")
                continue
            for i, (x, y) in enumerate(zip(one, two, strict=True)):
                for field in sorted(set(x) | set(y)):
                    if x.get(field) != y.get(field):
                        out.append(f"{code} {part}[{i}].{field}: {x.get(field)!r} != {y.get(field)!r}")
        if len(out) >= limit:
            break
    return out[:limit]
