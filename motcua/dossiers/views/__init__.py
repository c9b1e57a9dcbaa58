"""The officials' pages under /can-bo/, split by role: home, desk, work (processing), exports.

Every page starts from `restrict()` (through `visible_dossiers`): a dossier outside the user's scope
is 404. Pages a role does not use answer 403; citizens get 403 on the whole area. State changes go
through `motcua.dossiers.services` only.
"""
