import pytest
from django.core.cache import cache

from .oidc_provider import FakeOIDCProvider


class RecordingSms:
    """An SMS backend that keeps what it was asked to send."""

    sent: list[dict] = []

    def send(self, *, to: str, text: str, message_id: str) -> None:
        RecordingSms.sent.append({"to": to, "text": text, "message_id": message_id})


@pytest.fixture(autouse=True)
def _fresh_limits():
    # allauth's rate limits and its ID-token replay list live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sms(settings):
    settings.NOTIFICATIONS_SMS_BACKEND = "motcua.citizens.tests.conftest.RecordingSms"
    RecordingSms.sent = []
    return RecordingSms.sent


@pytest.fixture(scope="module")
def oidc_server():
    provider = FakeOIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc(oidc_server, settings):
    """The loopback provider configured as VNeID, with clean per-test state."""
    oidc_server.next_claims = {}
    oidc_server.tamper = {}
    oidc_server.codes.clear()
    oidc_server.tokens.clear()
    oidc_server.authorize_requests.clear()
    oidc_server.token_requests.clear()
    settings.VNEID_SERVER_URL = oidc_server.issuer
    settings.VNEID_CLIENT_ID = oidc_server.client_id
    settings.VNEID_CLIENT_SECRET = oidc_server.client_secret
    return oidc_server
