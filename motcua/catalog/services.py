"""Every change to the catalog: one function per action, atomic, with a row in the audit trail."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.directory.models import Agency

from .models import (
    CatalogEvent,
    Fee,
    OnlineLevel,
    Procedure,
    ProcessStep,
    ProcessVersion,
    RequiredDocument,
    Sector,
)
from .process import StepSpec, check_steps


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


def record(action: str, *, actor, procedure: Procedure | None = None, note: str = "", **details) -> CatalogEvent:
    return CatalogEvent.objects.create(
        action=action, actor=_actor(actor), procedure=procedure, note=note, details=details
    )


# --- sectors -------------------------------------------------------------------------------


@transaction.atomic
def save_sector(sector: Sector, *, actor) -> Sector:
    renamed = sector.pk is not None and Sector.objects.filter(pk=sector.pk).exclude(name=sector.name).exists()
    created = sector.pk is None
    sector.save()
    if renamed:
        # The sector's name is part of each procedure's search text.
        for proc in sector.procedures.select_related("sector"):
            proc.sector = sector
            proc.save(update_fields=["updated_at"])
    record("sector_created" if created else "sector_changed", actor=actor, sector=sector.code, name=sector.name)
    return sector


@transaction.atomic
def delete_sector(sector: Sector, *, actor) -> None:
    details = {"sector": sector.code, "name": sector.name}
    sector.delete()
    record("sector_deleted", actor=actor, **details)


# --- procedures (admin) --------------------------------------------------------------------


@transaction.atomic
def save_procedure_form(form, formsets: Sequence, *, actor, created: bool) -> Procedure:
    """Save a procedure edited in the admin together with its fees, documents and levels."""
    procedure = form.instance
    procedure.save()
    form.save_m2m()
    changed_parts = []
    for formset in formsets:
        formset.instance = procedure
        formset.save()
        if formset.new_objects or formset.changed_objects or formset.deleted_objects:
            changed_parts.append(formset.model._meta.model_name)
    record(
        "procedure_created" if created else "procedure_changed",
        actor=actor, procedure=procedure, code=procedure.code,
        fields=list(form.changed_data), parts=changed_parts,
    )
    return procedure


@transaction.atomic
def delete_procedure(procedure: Procedure, *, actor) -> None:
    details = {"code": procedure.code, "name": procedure.name}
    procedure.delete()
    record("procedure_deleted", actor=actor, **details)


# --- internal processes --------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessSaved:
    version: ProcessVersion
    warnings: list[str]


def check_process(
    procedure: Procedure, steps: Iterable[StepSpec | Mapping], *, agency: Agency | None = None
) -> list[str]:
    """All the rules `save_process` enforces, without writing: for forms that validate first."""
    if agency is not None and procedure.pk and not procedure.agencies.filter(pk=agency.pk).exists():
        if procedure.agencies.exists():
            raise ValidationError(
                _("Cơ quan %(agency)s không có thẩm quyền giải quyết thủ tục %(code)s.")
                % {"agency": agency.name, "code": procedure.code},
                code="agency_not_competent",
            )
    return check_steps(procedure, steps)


@transaction.atomic
def save_process(
    procedure: Procedure,
    steps: Iterable[StepSpec | Mapping],
    *,
    agency: Agency | None = None,
    effective_from: datetime.date,
    actor,
    note: str = "",
) -> ProcessSaved:
    """Create a new version of the internal process; versions already saved stay as they were.

    Open dossiers keep the version they started with, which is why there is no "edit".
    """
    specs = sorted((StepSpec.of(s) for s in steps), key=lambda s: s.order)
    # Locking the procedure row serialises concurrent saves, so version numbers never collide.
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    warnings = check_process(procedure, specs, agency=agency)
    latest = ProcessVersion.objects.filter(procedure=procedure, agency=agency).aggregate(n=Max("number"))["n"]
    version = ProcessVersion.objects.create(
        procedure=procedure, agency=agency, number=(latest or 0) + 1, effective_from=effective_from, note=note
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(
            version=version, order=s.order, name=s.name, role=s.role, hours=s.hours, may_send_back=s.may_send_back
        )
        for s in specs
    )
    record(
        "process_saved", actor=actor, procedure=procedure, note=note,
        code=procedure.code, version=version.number, agency=agency.code if agency else None,
        effective_from=effective_from, total_hours=sum((s.hours for s in specs), Decimal(0)),
        steps=[{"order": s.order, "name": s.name, "role": s.role, "hours": s.hours} for s in specs],
        warnings=warnings,
    )
    return ProcessSaved(version, warnings)


@transaction.atomic
def delete_process(version: ProcessVersion, *, actor) -> None:
    procedure = version.procedure
    details = {"code": procedure.code, "version": version.number, "agency": version.agency.code if version.agency else None}
    version.delete()
    record("process_deleted", actor=actor, procedure=procedure, **details)


# --- bulk import ---------------------------------------------------------------------------


@dataclass
class FeeData:
    kind: str
    name: str
    amount: int


@dataclass
class DocumentData:
    name: str
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0
    mandatory: bool = True


@dataclass
class ProcedureData:
    """One procedure as an import file describes it; codes refer to sectors and agencies."""

    code: str
    name: str
    sector_code: str
    time_limit: Decimal
    sector_name: str = ""
    agency_codes: list[str] = field(default_factory=list)
    time_limit_unit: str = "working_days"
    online_time_limit: Decimal | None = None
    same_day_cutoff: datetime.time | None = None
    obligation_wait_counts: bool = True
    fees: list[FeeData] = field(default_factory=list)
    documents: list[DocumentData] = field(default_factory=list)
    result_type: str = ""
    legal_basis: str = ""
    level: int | None = None
    in_rating_pilot: bool = False


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _sync_documents(procedure: Procedure, documents: list[DocumentData]) -> None:
    # Matched by name so that a template file uploaded in the admin survives a re-import.
    existing = {doc.name: doc for doc in procedure.documents.all()}
    keep = set()
    for order, data in enumerate(documents, start=1):
        doc = existing.get(data.name) or RequiredDocument(procedure=procedure, name=data.name)
        doc.order, doc.originals, doc.certified_copies = order, data.originals, data.certified_copies
        doc.copies, doc.mandatory = data.copies, data.mandatory
        doc.save()
        keep.add(doc.pk)
    procedure.documents.exclude(pk__in=keep).delete()


def _upsert(
    data: ProcedureData, sectors: dict[str, Sector], agencies: dict[str, Agency], today
) -> tuple[Procedure, bool]:
    sector = sectors.get(data.sector_code)
    if sector is None:
        sector = Sector.objects.create(code=data.sector_code, name=data.sector_name)
        sectors[sector.code] = sector
    procedure = Procedure.objects.filter(code=data.code).first()
    created = procedure is None
    procedure = procedure or Procedure(code=data.code)
    procedure.name, procedure.sector = data.name, sector
    procedure.time_limit, procedure.time_limit_unit = data.time_limit, data.time_limit_unit
    procedure.online_time_limit, procedure.same_day_cutoff = data.online_time_limit, data.same_day_cutoff
    procedure.obligation_wait_counts = data.obligation_wait_counts
    procedure.result_type, procedure.legal_basis = data.result_type, data.legal_basis
    procedure.in_rating_pilot, procedure.is_active = data.in_rating_pilot, True
    procedure.save()
    procedure.agencies.set([agencies[c] for c in data.agency_codes])
    procedure.fees.all().delete()
    Fee.objects.bulk_create(
        Fee(procedure=procedure, kind=f.kind, name=f.name, amount=f.amount) for f in data.fees
    )
    _sync_documents(procedure, data.documents)
    if data.level is not None and (created or procedure.level_for(None, today) != data.level):
        OnlineLevel.objects.update_or_create(
            procedure=procedure, agency=None, effective_from=today, defaults={"level": data.level}
        )
    return procedure, created


@transaction.atomic
def import_procedures(
    rows: Iterable[ProcedureData],
    *,
    actor=None,
    source: str = "",
    progress: Callable[[Iterable], Iterable] | None = None,
) -> ImportResult:
    """Create or update procedures by code; either every row is written or none is.

    Rows must already be checked (see `importing.py`): an unknown agency code here is a bug.
    """
    rows = list(rows)
    today = timezone.localdate()
    sectors = {s.code: s for s in Sector.objects.filter(code__in={r.sector_code for r in rows})}
    agencies = {a.code: a for a in Agency.objects.filter(code__in={c for r in rows for c in r.agency_codes})}
    result = ImportResult()
    for data in progress(rows) if progress else rows:
        procedure, created = _upsert(data, sectors, agencies, today)
        (result.created if created else result.updated).append(data.code)
        record("procedure_imported", actor=actor, procedure=procedure, code=data.code, created=created, source=source)
    return result
