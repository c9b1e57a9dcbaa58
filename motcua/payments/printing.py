"""The payment confirmation PDF. Deliberately not a "biên lai": that is a regulated e-receipt
issued by the collecting agency, which this system does not issue."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .words import amount_words


def confirmation_html(attempt) -> str:
    dossier = attempt.dossier
    with translation.override("vi"):
        return render_to_string("payments/confirmation.html", {
            "attempt": attempt,
            "dossier": dossier,
            "payer": attempt.payer_name or (dossier.owner.name if dossier.owner_id else ""),
            "amount_figures": f"{attempt.amount:,}".replace(",", "."),
            "amount_words": amount_words(attempt.amount),
            "paid_at": timezone.localtime(attempt.pay_date) if attempt.pay_date else None,
            "printed_at": timezone.localtime(),
        })


def confirmation_pdf(attempt) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only printing requests should pay for.
    from weasyprint import HTML

    return HTML(string=confirmation_html(attempt), base_url=None).write_pdf()
