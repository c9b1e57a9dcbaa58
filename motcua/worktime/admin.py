"""Administrators edit overrides and hours here; every save goes through the services."""

from django.contrib import admin

from motcua.worktime import services
from motcua.worktime.models import CalendarEvent, CalendarOverride, WorkingHours


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    fields = ["date", "kind", "reason"]

    def save_model(self, request, obj, form, change):
        services.save_override(obj, actor=request.user)

    def delete_model(self, request, obj):
        services.remove_override(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            services.remove_override(override, actor=request.user)


@admin.register(WorkingHours)
class WorkingHoursAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at"]
    fields = ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not WorkingHours.objects.exists()

    def has_delete_permission(self, request, obj=None):
        # Without a row the defaults apply; removing it silently would change due dates.
        return False

    def save_model(self, request, obj, form, change):
        services.save_working_hours(obj, actor=request.user)


@admin.register(CalendarEvent)
class CalendarEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "version", "note"]
    list_filter = ["action"]
    readonly_fields = ["at", "actor", "action", "version", "note"]
    list_display_links = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
