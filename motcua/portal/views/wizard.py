"""Online submission: e-form → uploads → review → submit, with the draft saved at every step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalog.models import Procedure
from motcua.core.errors import DomainError
from motcua.directory.models import Agency

from .. import services
from ..eforms import form_class, labelled
from ..forms import ApplicantForm, UploadForm
from ..models import Draft
from .common import citizen_required

STEPS = [(Draft.Step.FORM, gettext_lazy("Tờ khai")), (Draft.Step.FILES, gettext_lazy("Tệp đính kèm")),
         (Draft.Step.REVIEW, gettext_lazy("Kiểm tra và nộp"))]


def _draft(request, pk) -> Draft:
    draft = get_object_or_404(Draft.objects.select_related("procedure", "eform"), pk=pk, account=request.user)
    return draft


def _context(draft, current, **extra):
    return {"draft": draft, "procedure": draft.procedure, "steps": STEPS, "current": current, **extra}


def _initial_applicant(user) -> dict:
    """What the account already knows (verified when it came from VNeID), so the citizen types less."""
    profile = getattr(user, "citizen", None) if hasattr(user, "citizen") else None
    initial = {"name": user.full_name or user.get_full_name(), "email": user.email, "phone": user.phone}
    if profile is not None and profile.kind == "organisation":
        initial.update(kind="organisation", name=profile.organisation_name or initial["name"],
                       id_number=profile.tax_code)
    elif profile is not None:
        initial["id_number"] = profile.id_number
    return initial


@citizen_required
@require_http_methods(["GET", "POST"])
def start(request, code):
    procedure = get_object_or_404(Procedure, code=code)
    if request.method == "GET":
        # Where the sign-in page sends an anonymous click on "Nộp hồ sơ trực tuyến" back to.
        return render(request, "portal/start.html", {"procedure": procedure})
    try:
        draft = services.start_draft(request.user, procedure)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("catalog:detail", code=code)
    return redirect("portal:form", pk=draft.pk)


@citizen_required
@require_http_methods(["GET", "POST"])
def form_step(request, pk):
    draft = _draft(request, pk)
    if draft.submitted:
        return redirect("portal:dossier", code=draft.dossier.code)
    specs = draft.eform.specs() if draft.eform else []
    EForm = form_class(specs)
    agencies = list(draft.procedure.agencies.active_on(timezone.localdate()).order_by("name"))
    applicant = ApplicantForm(request.POST or None, prefix="a", agencies=agencies,
                              initial=draft.applicant or _initial_applicant(request.user))
    eform = EForm(request.POST or None, prefix="f", initial=draft.answers)
    if request.method == "POST" and applicant.is_valid() and eform.is_valid():
        services.save_form(request.user, draft.pk, applicant=applicant.applicant(), answers=eform.answers())
        return redirect("portal:files", pk=draft.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "portal/wizard_form.html",
                  _context(draft, Draft.Step.FORM, applicant=applicant, eform=eform), status=status)


@citizen_required
@require_http_methods(["GET", "POST"])
def files_step(request, pk):
    draft = _draft(request, pk)
    if draft.submitted:
        return redirect("portal:dossier", code=draft.dossier.code)
    documents = list(draft.procedure.documents.all())
    form = UploadForm(documents=documents)
    status = 200
    if request.method == "POST" and "remove" in request.POST:
        services.remove_file(request.user, draft.pk, request.POST.get("remove"))
        return redirect("portal:files", pk=draft.pk)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, documents=documents)
        if form.is_valid():
            document = next((d for d in documents if d.pk == form.cleaned_data["document"]), None)
            try:
                services.add_file(request.user, draft.pk, document=document, upload=form.cleaned_data["file"])
                messages.success(request, _("Đã tải lên tệp."))
                return redirect("portal:files", pk=draft.pk)
            except ValidationError as error:
                form.add_error("file", error)
            except DomainError as error:
                form.add_error(None, error.message)
        status = 422
    given = {}
    for item in draft.files.all():
        given.setdefault(item.required_document_id, []).append(item)
    rows = [(d, given.get(d.pk, [])) for d in documents]
    return render(request, "portal/wizard_files.html", _context(
        draft, Draft.Step.FILES, form=form, rows=rows, others=given.get(None, []),
        missing=services.missing_documents(draft)), status=status)


@citizen_required
@require_http_methods(["GET", "POST"])
def review_step(request, pk):
    draft = _draft(request, pk)
    if draft.submitted:
        return redirect("portal:dossier", code=draft.dossier.code)
    if not draft.applicant:
        return redirect("portal:form", pk=draft.pk)
    error = None
    if request.method == "POST":
        try:
            dossier = services.submit_draft(request.user, draft.pk)
            return redirect("portal:submitted", code=dossier.code)
        except DomainError as exc:
            error = exc.message
    specs = draft.eform.specs() if draft.eform else []
    return render(request, "portal/wizard_review.html", _context(
        draft, Draft.Step.REVIEW, answers=labelled(specs, draft.answers), files=list(draft.files.all()),
        missing=services.missing_documents(draft), error=error, fees=list(draft.procedure.fees.all()),
        agency=Agency.objects.filter(code=draft.applicant.get("competent_agency") or "-").first(),
    ), status=422 if error else 200)


@citizen_required
@require_POST
def discard(request, pk):
    draft = _draft(request, pk)
    if not draft.submitted:
        services.discard_draft(request.user, draft.pk)
        messages.success(request, _("Đã xóa hồ sơ nháp."))
    return redirect("portal:mine")
