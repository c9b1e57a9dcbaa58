from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import DomainError
from motcua.core.net import client_ip
from motcua.directory.models import RoleKind
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.common import holds

from . import services
from .models import AttemptStatus, PaymentAttempt
from .printing import confirmation_pdf
from .providers import get_provider


def _may_pay(user, dossier) -> bool:
    return (dossier.account_id is not None and dossier.account_id == user.pk) or holds(
        user, (RoleKind.DESK_OFFICER,), dossier.receiving_agency_id)


def _dossier_for(request, code: str) -> Dossier:
    dossier = Dossier.objects.select_related("owner", "procedure").filter(code=code).first()
    # Someone else's dossier answers 404, like every object out of reach.
    if dossier is None or not _may_pay(request.user, dossier):
        raise Http404
    return dossier


@login_required
@require_http_methods(["GET", "POST"])
def start(request, code):
    dossier = _dossier_for(request, code)
    due = services.amount_due(dossier)
    if request.method == "POST":
        try:
            attempt = services.start_payment(dossier, request.user)
        except DomainError as error:
            return render(request, "payments/start.html", {"dossier": dossier, "due": due, "error": error},
                          status=error.status)
        return redirect(get_provider(attempt.provider).payment_url(attempt, ip_address=client_ip(request)))
    return render(request, "payments/start.html", {"dossier": dossier, "due": due})


@require_GET
def vnpay_return(request):
    """Shows the payer what VNPay said. Marks nothing: only the IPN, server to server, does."""
    result = get_provider("vnpay").parse_callback(request.GET.dict())
    attempt = None
    if result.valid_signature:
        attempt = PaymentAttempt.objects.select_related("dossier").filter(txn_ref=result.txn_ref).first()
    context = {"result": result, "attempt": attempt, "paid": attempt is not None and attempt.status == AttemptStatus.PAID}
    return render(request, "payments/return.html", context, status=200 if result.valid_signature else 400)


@csrf_exempt
@require_GET
def vnpay_ipn(request):
    code, message = services.confirm_from_ipn(request.GET.dict(), provider="vnpay")
    return JsonResponse(get_provider("vnpay").ipn_answer(code, message))


@login_required
@require_GET
def confirmation(request, txn_ref):
    attempt = get_object_or_404(PaymentAttempt.objects.select_related("dossier__owner"), txn_ref=txn_ref,
                                status=AttemptStatus.PAID)
    if not _may_pay(request.user, attempt.dossier):
        raise Http404
    response = HttpResponse(confirmation_pdf(attempt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="xac-nhan-thanh-toan-{attempt.txn_ref}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
