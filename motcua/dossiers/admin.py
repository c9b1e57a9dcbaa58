"""Read-only admin pages: a dossier changes only through its services, and trails never change."""

from django.contrib import admin

from motcua.directory.admin_utils import ReadOnlyAdmin

from .models import Dossier, DossierEvent, PersonalDataAccess, TurnedAwayVisit


class EventInline(admin.TabularInline):
    model = DossierEvent
    fields = ["at", "action", "actor", "from_status", "to_status", "step", "agency", "receiver", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["code", "procedure", "status", "competent_agency", "accepted_at", "due_at", "assignee"]
    list_filter = ["status", "channel"]
    search_fields = ["code"]
    list_select_related = ["procedure", "competent_agency", "assignee"]
    inlines = [EventInline]
    show_full_result_count = False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "dossier", "note", "channel", "client_address"]
    list_filter = ["channel"]
    search_fields = ["dossier__code", "actor__username"]
    list_select_related = ["actor", "dossier"]
    show_full_result_count = False


@admin.register(TurnedAwayVisit)
class TurnedAwayVisitAdmin(ReadOnlyAdmin):
    list_display = ["at", "desk", "procedure", "form", "official"]
    list_filter = ["form"]
    list_select_related = ["desk", "procedure", "official"]
