from typing import Any

from django.contrib import admin

from samen.notifications.models import CalendarFeed, Event, Mail, Preference


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Changes go through the services (with an audit record); the admin only shows."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    """Staff see every mail, and why one could not be sent (also on /meldingen/verzending)."""

    list_display = ("created_at", "recipient", "cadence", "status", "attempts", "sent_at", "next_attempt_at")
    list_filter = ("status", "cadence")
    search_fields = ("recipient__email", "last_error", "message_id")
    readonly_fields = [field.name for field in Mail._meta.fields]
    list_select_related = ("recipient",)


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "subject", "cadence", "delivered_at")
    list_filter = ("kind", "cadence")
    search_fields = ("recipient__email", "subject")
    readonly_fields = [field.name for field in Event._meta.fields]
    list_select_related = ("recipient",)


@admin.register(Preference)
class PreferenceAdmin(ReadOnlyAdmin):
    list_display = ("person", "kind", "cadence", "updated_at")
    list_filter = ("kind", "cadence")
    readonly_fields = ("person", "kind", "cadence", "updated_at")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    list_display = ("person", "created_at", "revoked_at")
    readonly_fields = ("person", "created_at", "revoked_at")
    exclude = ("token_hash",)
