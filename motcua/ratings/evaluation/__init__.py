"""The per-agency evaluation of the one-stop shop: 9 indicators scored 0–2, a total out of 18, a band.

Scoring rules change with decrees, so each set of rules is a small module with an effective date
(`v2018` follows Decree 61/2018/NĐ-CP and Circular 01/2018/TT-VPCP); `rules_for(day)` picks the one
in force. `compute.evaluate()` applies it to the dossier data and to the scores entered by hand.
"""

from __future__ import annotations

import datetime

from . import v2018
from .rules import Rules

VERSIONS: list[Rules] = sorted([v2018.RULES], key=lambda r: r.effective_from)


def rules_for(day: datetime.date) -> Rules:
    in_force = [rules for rules in VERSIONS if rules.effective_from <= day]
    return in_force[-1] if in_force else VERSIONS[0]
