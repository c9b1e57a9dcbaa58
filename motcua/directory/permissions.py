"""`restrict(queryset, user, action)`: the one place that decides what an official may see and do.

Each app registers, for each of its models, a scope function that turns a `Principal` (the
official's active roles today) and an action into a Q filter. Province administrators see and
change everything; reform supervisors see everything and change nothing; a model with no
registered scope is closed. Out-of-scope objects are simply not in the queryset, so a view that
starts from `restrict()` answers 404 for them.

An official of a successor agency inherits the scope of the agencies it replaced (the 2025
reorganisation hands over the dissolved districts' files), so agency sets are widened with
predecessors, transitively. Roles in a dissolved agency stop counting after its `valid_to`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Model, Q, QuerySet

from .models import Agency, Role, RoleKind, today_local

VIEW = "view"
CHANGE = "change"

ScopeFn = Callable[["Principal", str], Q | None]
_scopes: dict[type[Model], ScopeFn] = {}
# Models that reform supervisors do not read wholesale (their scope function decides instead).
_not_for_supervisors: set[type[Model]] = set()


def register_scope(model: type[Model], *, supervisors_read: bool = True) -> Callable[[ScopeFn], ScopeFn]:
    def decorator(fn: ScopeFn) -> ScopeFn:
        _scopes[model] = fn
        if not supervisors_read:
            _not_for_supervisors.add(model)
        return fn

    return decorator


def with_predecessors(agency_ids: Iterable[int]) -> set[int]:
    """The agencies given plus every agency whose successor chain leads to one of them."""
    result = set(agency_ids)
    if not result:
        return result
    replaced_by: dict[int, list[int]] = {}
    for pk, successor_id in Agency.objects.filter(successor__isnull=False).values_list("pk", "successor_id"):
        replaced_by.setdefault(successor_id, []).append(pk)
    frontier = list(result)
    while frontier:
        for pred in replaced_by.get(frontier.pop(), ()):
            if pred not in result:
                result.add(pred)
                frontier.append(pred)
    return result


class Principal:
    """An official's active roles on a day, loaded once and kept on the user object."""

    def __init__(self, user, day: datetime.date | None = None):
        self.user = user
        self.day = day or today_local()
        self.by_kind: dict[str, set[int]] = {}
        self.desk_ids: set[int] = set()
        if user.is_authenticated and user.is_active:
            for kind, agency_id, desk_id in Role.objects.active_on(self.day).filter(user=user).values_list(
                "kind", "agency_id", "desk_id"
            ):
                self.by_kind.setdefault(kind, set()).add(agency_id)
                if desk_id:
                    self.desk_ids.add(desk_id)
        self._expanded: dict[tuple[str, ...], set[int]] = {}
        # Scope functions may keep what they looked up here for the rest of the request.
        self.memo: dict = {}

    @property
    def sees_everything(self) -> bool:
        return bool(self.user.is_superuser or RoleKind.PROVINCE_ADMIN in self.by_kind)

    @property
    def reads_everything(self) -> bool:
        return self.sees_everything or RoleKind.REFORM_SUPERVISOR in self.by_kind

    def agencies(self, *kinds: str) -> set[int]:
        """Agencies where the official holds any of `kinds` (all roles if none), with predecessors."""
        key = tuple(sorted(kinds))
        if key not in self._expanded:
            direct: set[int] = set()
            for kind, ids in self.by_kind.items():
                if not kinds or kind in kinds:
                    direct |= ids
            self._expanded[key] = with_predecessors(direct)
        return self._expanded[key]

    def has_role(self, *kinds: str) -> bool:
        return any(kind in self.by_kind for kind in kinds)


def principal_for(user, day: datetime.date | None = None) -> Principal:
    day = day or today_local()
    cached = getattr(user, "_motcua_principal", None)
    if cached is None or cached.day != day:
        cached = Principal(user, day)
        if user.is_authenticated:
            user._motcua_principal = cached
    return cached


def forget(user) -> None:
    """Drop what was cached for this request after a change that moves the user's scope."""
    if user is not None and hasattr(user, "_motcua_principal"):
        del user._motcua_principal


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    principal = principal_for(user)
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if principal.sees_everything:
        return queryset
    if action == VIEW and principal.reads_everything and queryset.model not in _not_for_supervisors:
        return queryset
    scope = _scopes.get(queryset.model)
    if scope is None:
        return queryset.none()
    condition = scope(principal, action)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def can(user, action: str, obj: Model) -> bool:
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()
