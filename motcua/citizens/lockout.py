"""The account key django-axes counts failures on, for officials (username) and citizens (email, phone)."""

from __future__ import annotations


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """The username for officials, as before. For citizens the account's username when the email or phone
    belongs to one (so email and phone share one counter, and a successful sign-in resets it), else the
    identifier as typed, lower-cased."""
    data = credentials if credentials is not None else getattr(request, "data", request.POST)
    if data.get("username"):
        return data["username"]
    for key in ("email", "phone", "login"):
        value = str(data.get(key) or "").strip()
        if value:
            user = _citizen_for(key, value)
            return user.get_username() if user is not None else value.lower()
    return None


def _citizen_for(key: str, value: str):
    from allauth.account.internal.userkit import filter_users_by_email

    from .services import phone_holder
    from .validators import normalize_mobile

    if "@" in value:
        users = filter_users_by_email(value, prefer_verified=True, for_login=True)
        return users[0] if users else None
    phone = normalize_mobile(value)
    return phone_holder(phone) if phone else None
