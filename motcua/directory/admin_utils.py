"""Admin pages that start from `restrict()`, like every other page an official sees."""

from django.contrib import admin

from .permissions import CHANGE, VIEW, restrict


class RestrictedAdminMixin:
    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user, VIEW)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_active and request.user.is_staff
        return restrict(self.model._default_manager.filter(pk=obj.pk), request.user, VIEW).exists()

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        return restrict(self.model._default_manager.filter(pk=obj.pk), request.user, CHANGE).exists()

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)


class ReadOnlyAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    """Rows that change only through their app's services: the admin shows them, nothing more."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
