"""Catalog admin: every save and delete goes through `services` so it is audited."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import formatting, services
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
from .queries import search_procedures


class ServiceDeleteMixin:
    delete_service = None

    def delete_model(self, request, obj):
        type(self).delete_service(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            type(self).delete_service(obj, actor=request.user)


@admin.register(Sector)
class SectorAdmin(ServiceDeleteMixin, admin.ModelAdmin):
    delete_service = services.delete_sector
    list_display = ("code", "name", "procedure_count")
    search_fields = ("code", "name")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_procedures=Count("procedures"))

    @admin.display(description=_("số thủ tục"), ordering="n_procedures")
    def procedure_count(self, obj):
        return formatting.number(obj.n_procedures)

    def save_model(self, request, obj, form, change):
        services.save_sector(obj, actor=request.user)


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0
    fields = ("order", "name", "originals", "certified_copies", "copies", "mandatory", "template")


class OnlineLevelInline(admin.TabularInline):
    model = OnlineLevel
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(ServiceDeleteMixin, admin.ModelAdmin):
    delete_service = services.delete_procedure
    list_display = ("code", "name", "sector", "time_limit_display", "in_rating_pilot", "is_active")
    list_filter = ("sector", "time_limit_unit", "in_rating_pilot", "is_active")
    list_select_related = ("sector",)
    search_fields = ("code", "name")
    search_help_text = _("Tìm theo tên, mã hoặc lĩnh vực; gõ không dấu cũng được.")
    filter_horizontal = ("agencies",)
    inlines = [RequiredDocumentInline, FeeInline, OnlineLevelInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "sector", "agencies", "applicants")}),
        (_("Thời hạn giải quyết"), {"fields": (
            "time_limit", "time_limit_unit", "online_time_limit", "same_day_cutoff", "obligation_wait_counts",
        )}),
        (_("Nội dung công bố"), {"fields": ("steps_description", "conditions", "result_type", "legal_basis")}),
        (_("Trạng thái"), {"fields": ("in_rating_pilot", "is_active")}),
    )

    @admin.display(description=_("thời hạn"))
    def time_limit_display(self, obj):
        return formatting.time_limit_text(obj)

    def get_search_results(self, request, queryset, search_term):
        # The diacritic-free search, so that "dat dai" finds "Đất đai" here as on the public site.
        if not search_term.strip():
            return queryset, False
        return search_procedures(search_term, queryset=queryset), False

    def save_model(self, request, obj, form, change):
        pass  # saved with its inlines in save_related, in one audited service call

    def save_related(self, request, form, formsets, change):
        services.save_procedure_form(form, formsets, actor=request.user, created=not change)


class ProcessStepFormSet(BaseInlineFormSet):
    """Checks the steps as a whole (order, first step, total hours against the time limit)."""

    warnings: list[str] = []
    steps: list[dict] = []

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        self.steps = [
            {k: f.cleaned_data[k] for k in ("order", "name", "role", "hours", "may_send_back")}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        version = self.instance
        if not version.procedure_id:
            return  # the version form has its own error to show
        try:
            self.warnings = services.check_process(version.procedure, self.steps, agency=version.agency)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    formset = ProcessStepFormSet
    fields = ("order", "name", "role", "hours", "may_send_back")
    extra = 1


@admin.register(ProcessVersion)
class ProcessVersionAdmin(ServiceDeleteMixin, admin.ModelAdmin):
    delete_service = services.delete_process
    list_display = ("procedure", "agency", "number", "effective_from", "hours_display", "created_at")
    list_select_related = ("procedure", "agency")
    search_fields = ("procedure__code", "procedure__name")
    autocomplete_fields = ("procedure",)
    readonly_fields = ("number",)
    inlines = [ProcessStepInline]
    fieldsets = (
        (None, {
            "fields": ("procedure", "agency", "number", "effective_from", "note"),
            "description": _(
                "Mỗi lần lưu tạo một phiên bản mới; phiên bản cũ giữ nguyên cho các hồ sơ đang giải quyết. "
                "Tổng số giờ các bước không được vượt thời hạn giải quyết."
            ),
        }),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(hours_sum=Sum("steps__hours"))

    @admin.display(description=_("tổng số giờ"), ordering="hours_sum")
    def hours_display(self, obj):
        return formatting.hours(obj.hours_sum or 0)

    def save_model(self, request, obj, form, change):
        pass  # a new version is created in save_related, from the checked steps

    def save_related(self, request, form, formsets, change):
        steps_formset = next(fs for fs in formsets if isinstance(fs, ProcessStepFormSet))
        data = form.cleaned_data
        result = services.save_process(
            data["procedure"], steps_formset.steps, agency=data.get("agency"),
            effective_from=data["effective_from"], actor=request.user, note=data.get("note", ""),
        )
        # The admin goes on to log and redirect with the object it holds: point it at the new version.
        obj = form.instance
        obj.pk, obj.number, obj.created_at = result.version.pk, result.version.number, result.version.created_at
        obj._state.adding = False
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        messages.info(
            request,
            gettext("Đã lưu quy trình phiên bản %(n)s; các phiên bản trước được giữ nguyên.") % {"n": obj.number},
        )
        for warning in result.warnings:
            messages.warning(request, warning)


@admin.register(CatalogEvent)
class CatalogEventAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "procedure", "actor", "note")
    list_filter = ("action",)
    search_fields = ("procedure__code", "action")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
