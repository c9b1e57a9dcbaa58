"""Admin pages. Ratings, prompts and sessions are read-only; devices are revoked through the service;
indicator scores are saved through the evaluation's service; reasons are the province's own wording."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.directory.admin_utils import ReadOnlyAdmin, RestrictedAdminMixin

from . import services
from .evaluation.entry import check_entry, enter_score
from .models import CounterSession, IndicatorScore, KioskDevice, Rating, RatingPrompt, Reason


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["at", "dossier", "stage", "official", "level", "channel", "agency", "counter"]
    list_filter = ["level", "stage", "channel"]
    search_fields = ["dossier__code", "official__username", "official__full_name"]
    list_select_related = ["dossier", "official", "agency", "counter__desk"]
    show_full_result_count = False


@admin.register(RatingPrompt)
class RatingPromptAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "counter", "dossier", "stage", "official", "answered_at"]
    list_select_related = ["counter__desk", "dossier", "official"]


@admin.register(CounterSession)
class CounterSessionAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "ended_at", "counter", "official"]
    list_select_related = ["counter__desk", "official"]


@admin.register(KioskDevice)
class KioskDeviceAdmin(ReadOnlyAdmin):
    list_display = ["name", "counter", "created_at", "paired_at", "last_seen_at", "revoked_at"]
    list_select_related = ["counter__desk"]
    exclude = ["token_digest", "cookie_digest"]
    actions = ["revoke"]

    @admin.action(description=_("Thu hồi thiết bị đã chọn"))
    def revoke(self, request, queryset):
        for device in queryset:
            try:
                services.revoke_device(request.user, device)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)


@admin.register(Reason)
class ReasonAdmin(admin.ModelAdmin):
    list_display = ["text", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # ratings keep pointing at their reasons; retire one with "đang dùng" instead


@admin.register(IndicatorScore)
class IndicatorScoreAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["agency", "year", "quarter", "indicator", "score", "entered_by", "entered_at"]
    list_filter = ["year", "quarter", "indicator"]
    fields = ["agency", "year", "quarter", "indicator", "score", "note"]
    autocomplete_fields = ["agency"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        def clean(this):
            data = super(form, this).clean()
            if all(data.get(name) is not None for name in ("agency", "year", "quarter", "indicator", "score")):
                try:
                    check_entry(request.user, data["agency"], data["year"], data["quarter"], data["indicator"],
                                data["score"])
                except DomainError as error:
                    raise ValidationError(error.message) from None
            return data

        form.clean = clean
        return form

    def save_model(self, request, obj, form, change):
        saved = enter_score(request.user, obj.agency, obj.year, obj.quarter, obj.indicator, obj.score, obj.note)
        obj.pk, obj.entered_by, obj.entered_at = saved.pk, saved.entered_by, saved.entered_at

    def has_delete_permission(self, request, obj=None):
        return False
