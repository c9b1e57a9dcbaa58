"""Plain descriptions of the demo rows, built without the ORM so that they can be checked alone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# The 2025 reform: the last day of the old structure and the first of the new one.
REFORM_EVE = datetime.date(2025, 6, 30)
REFORM_DAY = datetime.date(2025, 7, 1)


@dataclass(frozen=True)
class LevelSpec:
    code: str
    name: str
    rank: int


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    short_name: str
    level: str
    # "province", "department", "centre", "district", "old_commune", "new_commune"
    group: str
    slug: str  # the first half of the usernames of its officials
    parent: str | None = None
    valid_from: datetime.date = datetime.date(2000, 1, 1)
    valid_to: datetime.date | None = None
    successor: str | None = None
    address: str = ""


@dataclass(frozen=True)
class CounterSpec:
    number: int
    label: str


@dataclass(frozen=True)
class DeskSpec:
    agency: str  # agency code; the desk's natural key is (agency, name)
    name: str
    serves: tuple[str, ...]
    counters: tuple[CounterSpec, ...]
    is_active: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return (self.agency, self.name)


@dataclass(frozen=True)
class RoleSpec:
    kind: str
    agency: str
    title: str  # the position the official holds in this role, e.g. "Giám đốc Sở"
    desk: tuple[str, str] | None = None
    valid_from: datetime.date = datetime.date(2017, 1, 1)
    valid_to: datetime.date | None = None


@dataclass
class UserSpec:
    username: str
    full_name: str
    roles: list[RoleSpec] = field(default_factory=list)
    is_staff: bool = False
    is_superuser: bool = False

    @property
    def position(self) -> str:
        """The title of the latest role: what the official is today (or was last)."""
        latest = max(self.roles, key=lambda r: r.valid_from, default=None)
        return latest.title if latest else ""

    @property
    def first_last(self) -> tuple[str, str]:
        family, _, given = self.full_name.rpartition(" ")
        return given, family
