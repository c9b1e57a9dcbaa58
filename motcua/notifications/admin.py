from django.contrib import admin

from .models import NotificationTemplate


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ["topic", "channel", "subject", "effective_from", "active", "updated_at"]
    list_filter = ["channel", "active", "topic"]
    search_fields = ["topic", "subject", "body"]
