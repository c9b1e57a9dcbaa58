"""Delivery channels. Each takes the stable message id so that a provider can drop a repeat."""

import base64
import json
import logging
import unicodedata
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def setting(name: str, default=None):
    return getattr(settings, name, default)


def without_diacritics(text: str) -> str:
    # Some gateways bill a Unicode SMS as several parts or mangle it; đ has no decomposition.
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def message_id_header(message_id: str, part: int) -> str:
    domain = setting("NOTIFICATIONS_MESSAGE_ID_DOMAIN", "motcua.local")
    suffix = f".{part}" if part else ""
    return f"<{message_id}{suffix}@{domain}>"


def send_email(*, to: str, subject: str, body: str, message_id: str, part: int = 0, connection=None) -> None:
    msg = EmailMessage(
        subject=subject,
        body=body,
        from_email=None,
        to=[to],
        connection=connection,
        headers={"Message-ID": message_id_header(message_id, part), "X-Motcua-Message-Id": message_id},
    )
    msg.send(fail_silently=False)


class ConsoleSms:
    """Development: the message goes to the log instead of a phone."""

    def send(self, *, to: str, text: str, message_id: str) -> None:
        log.info("SMS %s to %s: %s", message_id, to, text)


class HttpSms:
    """A JSON-over-HTTP gateway: any 2xx means accepted; anything else raises and the row retries."""

    def send(self, *, to: str, text: str, message_id: str) -> None:
        body = {
            "to": to,
            "text": text,
            "brand": setting("NOTIFICATIONS_SMS_BRAND", ""),
            "message_id": message_id,
        }
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": message_id}
        api_key = setting("NOTIFICATIONS_SMS_API_KEY", "")
        user = setting("NOTIFICATIONS_SMS_USERNAME", "")
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        elif user:
            token = base64.b64encode(f"{user}:{setting('NOTIFICATIONS_SMS_PASSWORD', '')}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        request = urllib.request.Request(
            setting("NOTIFICATIONS_SMS_URL"), data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        # urlopen raises HTTPError on 4xx/5xx; a 2xx other than 200 is still an acceptance.
        with urllib.request.urlopen(request, timeout=setting("NOTIFICATIONS_SMS_TIMEOUT", 10)) as response:
            if not 200 <= response.status < 300:
                raise RuntimeError(f"SMS gateway answered {response.status}")


def sms_backend():
    return import_string(setting("NOTIFICATIONS_SMS_BACKEND", "motcua.notifications.channels.ConsoleSms"))()


def send_sms(*, to: str, text: str, message_id: str) -> None:
    if not setting("NOTIFICATIONS_SMS_UNICODE", True):
        text = without_diacritics(text)
    sms_backend().send(to=to, text=text, message_id=message_id)
