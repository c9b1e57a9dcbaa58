from django.contrib import admin

from .models import CitizenProfile


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "source", "id_verified", "tax_code", "phone_verified", "created_at"]
    list_filter = ["kind", "source", "id_verified", "phone_verified"]
    search_fields = ["user__full_name", "user__email", "user__phone", "id_number", "tax_code", "organisation_name"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
