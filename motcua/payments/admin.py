from django.contrib import admin

from .models import PaymentAttempt, PaymentEvent


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "note", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(admin.ModelAdmin):
    """Read-only: every change goes through payments.services (the IPN), never through a form."""

    list_display = ["txn_ref", "dossier", "purpose", "amount", "status", "transaction_no", "created_at"]
    list_filter = ["status", "purpose", "provider"]
    search_fields = ["txn_ref", "transaction_no", "dossier__code"]
    inlines = [PaymentEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
