from django.contrib import admin

from motcua.directory.admin_utils import ReadOnlyAdmin

from .models import PaymentAttempt, PaymentEvent


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "note", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnlyAdmin):
    """Read-only: every change goes through payments.services (the IPN), never through a form; an
    official sees the attempts of the dossiers they see (payments/scopes.py)."""

    list_display = ["txn_ref", "dossier", "purpose", "amount", "status", "transaction_no", "created_at"]
    list_filter = ["status", "purpose", "provider"]
    search_fields = ["txn_ref", "transaction_no", "dossier__code"]
    inlines = [PaymentEventInline]
