"""The citizen's actions on the portal. Dossier state changes go through the dossier core's services."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalog.models import Procedure, RequiredDocument
from motcua.core.errors import DomainError
from motcua.core.uploads import check_upload, clean_name
from motcua.directory.models import Agency
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.services import resubmit, return_result, submit_online
from motcua.dossiers.workflow import Status

from .models import Draft, DraftFile, EForm


def _require(condition, code, message, status=422, **extra):
    if not condition:
        raise DomainError(code, message, status=status, **extra)


@transaction.atomic
def start_draft(account, procedure: Procedure) -> Draft:
    """The citizen's unfinished draft for this procedure, or a new one on the e-form in force."""
    _require(procedure.is_active, "procedure_inactive", _("Thủ tục này không còn áp dụng."))
    _require(procedure.level_for() >= 3, "not_online",
             _("Thủ tục này chưa được cung cấp trực tuyến mức độ 3 hoặc 4: hãy nộp tại bộ phận một cửa."))
    existing = Draft.objects.filter(account=account, procedure=procedure, dossier__isnull=True).first()
    if existing:
        return existing
    return Draft.objects.create(account=account, procedure=procedure, eform=EForm.objects.in_force(procedure))


def lock_draft(account, pk) -> Draft:
    draft = Draft.objects.select_for_update(of=("self",)).select_related("procedure", "eform").filter(
        pk=pk, account=account).first()
    _require(draft is not None, "draft_not_found", _("Không tìm thấy hồ sơ nháp."), status=404)
    return draft


@transaction.atomic
def save_form(account, draft_pk, *, applicant: dict, answers: dict) -> Draft:
    draft = lock_draft(account, draft_pk)
    _require(not draft.submitted, "already_submitted", _("Hồ sơ này đã được nộp."), status=409)
    draft.applicant, draft.answers, draft.step = applicant, answers, Draft.Step.FILES
    draft.save()
    return draft


def _check_limits(upload, current_total: int, count: int) -> str:
    kind = check_upload(upload, max_bytes=settings.PORTAL_MAX_FILE_BYTES)
    if count + 1 > settings.PORTAL_MAX_FILES:
        raise ValidationError(_("Mỗi hồ sơ đính kèm tối đa %(n)s tệp."), params={"n": settings.PORTAL_MAX_FILES},
                              code="too_many")
    if current_total + upload.size > settings.PORTAL_MAX_DOSSIER_BYTES:
        limit = settings.PORTAL_MAX_DOSSIER_BYTES // (1024 * 1024)
        raise ValidationError(_("Tổng dung lượng tệp của hồ sơ vượt quá %(limit)s MB."), params={"limit": limit},
                              code="dossier_too_big")
    return kind


@transaction.atomic
def add_file(account, draft_pk, *, document: RequiredDocument | None, upload) -> DraftFile:
    """Check the upload before anything is written; a refused file leaves no trace in storage."""
    draft = lock_draft(account, draft_pk)
    _require(not draft.submitted, "already_submitted", _("Hồ sơ này đã được nộp."), status=409)
    _require(document is None or document.procedure_id == draft.procedure_id, "unknown_document",
             _("Thành phần hồ sơ không thuộc thủ tục này."))
    shown = clean_name(upload.name)
    kind = _check_limits(upload, draft.total_bytes(), draft.files.count())
    stored = DraftFile(draft=draft, required_document=document, shown_name=shown, kind=kind, size=upload.size)
    stored.file.save(upload.name, upload, save=False)
    try:
        stored.save()
    except Exception:
        default_storage.delete(stored.file.name)
        raise
    draft.save(update_fields=["updated_at"])
    return stored


@transaction.atomic
def remove_file(account, draft_pk, file_pk) -> None:
    draft = lock_draft(account, draft_pk)
    _require(not draft.submitted, "already_submitted", _("Hồ sơ này đã được nộp."), status=409)
    item = draft.files.filter(pk=file_pk).first()
    if item is not None:
        name = item.file.name
        item.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def discard_draft(account, draft_pk) -> None:
    """A draft the citizen gives up: its files leave storage once the rows are gone."""
    draft = lock_draft(account, draft_pk)
    _require(not draft.submitted, "already_submitted", _("Hồ sơ này đã được nộp."), status=409)
    names = [f.file.name for f in draft.files.all()]
    draft.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def missing_documents(draft: Draft) -> list[RequiredDocument]:
    given = {f.required_document_id for f in draft.files.all()}
    return [d for d in draft.procedure.documents.all() if d.mandatory and d.pk not in given]


def submit_draft(account, draft_pk) -> Dossier:
    """Submit once: the draft's key makes a double click or a retry after a timeout find the same dossier."""
    with transaction.atomic():
        draft = lock_draft(account, draft_pk)
        if draft.submitted:
            return draft.dossier
        _require(bool(draft.applicant), "form_incomplete", _("Hãy điền tờ khai trước khi nộp."))
        missing = missing_documents(draft)
        _require(not missing, "documents_missing",
                 _("Còn thiếu tệp của thành phần hồ sơ bắt buộc: %(names)s.")
                 % {"names": "; ".join(d.name for d in missing)}, missing=[d.pk for d in missing])
        applicant = dict(draft.applicant)
        return_method = applicant.pop("return_method", ReturnMethod.DESK)
        chosen = applicant.pop("competent_agency", None)
        agency = Agency.objects.filter(code=chosen).first() if chosen else None
        post_address = applicant.pop("post_address", "")
        # A listed document keeps the checklist's name (as the desk's register shows it); others their own.
        files = [{"required_document": f.required_document_id, "scan": f.file.name,
                  "name": "" if f.required_document_id else f.shown_name} for f in draft.files.all()]
        form_data = {"eform": draft.eform.version if draft.eform else None, "answers": draft.answers}
        if post_address:
            form_data["post_address"] = post_address
        dossier = submit_online(
            account, procedure=draft.procedure, owner=applicant, files=files, form_data=form_data,
            competent_agency=agency,
            summary=draft.procedure.name, idempotency_key=str(draft.key), return_method=return_method,
        )
        draft.dossier = dossier
        draft.step = Draft.Step.REVIEW
        draft.save(update_fields=["dossier", "step", "updated_at"])
        return dossier


def supplement_online(account, dossier: Dossier, *, note: str, uploads: list[tuple]) -> Dossier:
    """The citizen answers the desk's request for more papers; stored files are removed if the action fails."""
    _require(dossier.status == Status.SUPPLEMENT, "not_waiting_supplement",
             _("Hồ sơ không ở trạng thái chờ bổ sung."), status=409)
    _require(bool(uploads) or bool(note.strip()), "supplement_empty",
             _("Hãy đính kèm giấy tờ bổ sung hoặc ghi nội dung giải trình."))
    total = sum(f.scan.size for f in dossier.files.all() if f.scan and default_storage.exists(f.scan.name))
    checked = []
    for document, upload in uploads:
        shown = clean_name(upload.name)
        _check_limits(upload, total, dossier.files.count() + len(checked))
        total += upload.size
        checked.append((document, shown, upload))
    saved = []
    try:
        for _document, _shown, upload in checked:
            name = default_storage.save(f"online/supplements/{upload.name}", upload)
            saved.append(name)
        files = [{"required_document": d.pk if d else None, "name": shown, "scan": name}
                 for (d, shown, _u), name in zip(checked, saved, strict=True)]
        return resubmit(dossier, account, note=note, files=files)
    except Exception:
        for name in saved:
            default_storage.delete(name)
        raise


def take_result(account, dossier: Dossier) -> Dossier:
    """Downloading an e-result hands it over (9 → 10) the first time."""
    _require(bool(dossier.result_file), "no_result_file", _("Kết quả chưa có bản điện tử."), status=404)
    if dossier.status == Status.RESULT_READY:
        return return_result(dossier, account, method=ReturnMethod.DOWNLOAD)
    _require(dossier.status == Status.RETURNED, "result_not_ready", _("Hồ sơ chưa có kết quả."), status=409)
    return dossier
