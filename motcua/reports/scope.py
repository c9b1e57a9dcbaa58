"""Who sees which agencies' statistics, and which historical agencies a selection covers.

Leaders and heads of division see their agencies' subtrees (with the agencies they replaced, as
`restrict` does for dossiers); province administrators and reform supervisors the whole province;
anyone else nothing (the pages answer 404). Agencies are few (a province has ~200, dissolved ones
included), so the tree is read once per request and walked in Python.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.directory.models import Agency, RoleKind
from motcua.directory.permissions import principal_for

READERS = (RoleKind.AGENCY_LEADER, RoleKind.HEAD_OF_DIVISION)
AS_IT_WAS, ROLLED_UP = "as_it_was", "rolled_up"


class Tree:
    def __init__(self):
        self.by_id = {a.pk: a for a in Agency.objects.select_related("level").order_by("path")}

    def successor(self, agency_id: int) -> Agency:
        """Today's agency for a historical one (itself when it still exists)."""
        agency, seen = self.by_id[agency_id], set()
        while agency.successor_id and agency.successor_id in self.by_id and agency.pk not in seen:
            seen.add(agency.pk)
            agency = self.by_id[agency.successor_id]
        return agency

    def target(self, agency_id: int, mode: str) -> Agency:
        return self.successor(agency_id) if mode == ROLLED_UP else self.by_id[agency_id]

    def covered(self, root: Agency | None, mode: str, allowed: set[int] | None) -> set[int] | None:
        """Historical agency ids whose figures count under `root` (None: every agency)."""
        if root is None:
            return None if allowed is None else set(allowed)
        ids = {pk for pk in self.by_id if self.target(pk, mode).path.startswith(root.path)}
        return ids if allowed is None else ids & allowed


class ReportScope:
    def __init__(self, user, tree: Tree):
        self.tree = tree
        principal = principal_for(user)
        self.province = principal.reads_everything
        roots = set() if self.province else principal.agencies(*READERS)
        self.roots = [tree.by_id[pk] for pk in sorted(roots) if pk in tree.by_id]
        if self.province:
            self.allowed = None
        else:
            paths = [a.path for a in self.roots]
            self.allowed = {pk for pk, a in tree.by_id.items() if any(a.path.startswith(p) for p in paths)}

    @property
    def empty(self) -> bool:
        return not self.province and not self.roots

    def agencies(self) -> list[Agency]:
        """What the agency filter offers, in tree order."""
        return [a for pk, a in self.tree.by_id.items() if self.allowed is None or pk in self.allowed]

    def default_root(self) -> Agency | None:
        current = [a for a in self.roots if a.is_active()]
        return current[0] if len(current) == 1 else None

    def label(self, root: Agency | None) -> str:
        root = root or self.default_root()  # one agency (with those it replaced) is named by its name
        if root is not None:
            return root.name
        top = [a for a in self.tree.by_id.values() if a.parent_id is None]
        if self.province and len(top) == 1:
            return top[0].name
        return _("Các cơ quan trong phạm vi của bạn")
