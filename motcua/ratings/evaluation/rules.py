"""The shape of a version of the evaluation rules (the data lives in v2018.py and its successors)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

COMPUTED = "computed"
ENTERED = "entered"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    source: str  # COMPUTED from dossiers and ratings, or ENTERED by hand (IndicatorScore)


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    minimum: Decimal  # inclusive: a total equal to the bound belongs to this band


@dataclass(frozen=True)
class Rules:
    version: str
    effective_from: datetime.date
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...]  # highest first
    level_points: dict[str, int]
    online_share_points: tuple[tuple[Decimal, int], ...]  # (minimum share, points), highest first
    max_points: int = 2
    extra: dict = field(default_factory=dict)

    @property
    def max_total(self) -> int:
        return self.max_points * len(self.indicators)

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.code == code)

    def entered_codes(self) -> list[str]:
        return [i.code for i in self.indicators if i.source == ENTERED]

    def band(self, total: Decimal) -> Band:
        for band in self.bands:
            if total >= band.minimum:
                return band
        return self.bands[-1]

    def online_points(self, share: Decimal) -> int:
        return next((points for minimum, points in self.online_share_points if share >= minimum), 0)
