from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_utils import RestrictedAdminMixin
from .models import Agency, AgencyLevel, Counter, Desk, Role, User


@admin.register(AgencyLevel)
class AgencyLevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rank"]


@admin.register(Agency)
class AgencyAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["level", "valid_to"]
    search_fields = ["code", "name", "short_name", "search_key"]
    autocomplete_fields = ["parent", "successor"]
    list_select_related = ["level", "parent", "successor"]


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0


@admin.register(Desk)
class DeskAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "agency", "is_active"]
    search_fields = ["name", "agency__name"]
    autocomplete_fields = ["agency", "serves"]
    inlines = [CounterInline]


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["agency", "desk"]


@admin.register(User)
class UserAdmin(RestrictedAdminMixin, BaseUserAdmin):
    list_display = ["username", "full_name", "position", "email", "is_active"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "position", "email", "phone")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "kind", "agency", "desk", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["user__username", "user__full_name", "agency__name"]
    autocomplete_fields = ["user", "agency", "desk"]
