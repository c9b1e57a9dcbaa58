from django.contrib import admin

from .models import EForm


@admin.register(EForm)
class EFormAdmin(admin.ModelAdmin):
    """E-forms are edited here; the model's clean() refuses a definition the wizard could not render."""

    list_display = ("procedure", "version", "title", "effective_from")
    list_filter = ("effective_from",)
    search_fields = ("procedure__code", "procedure__name", "title")
    autocomplete_fields = ("procedure",)
