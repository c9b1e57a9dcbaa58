"""The whole trip through the local sandbox: its IPN reaches us over real HTTP on the live server."""

import threading
from urllib.parse import urlsplit

import pytest
from django.test import Client

from motcua.payments.models import AttemptStatus, PaymentAttempt
from motcua.paysandbox.models import SandboxTransaction


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.fixture
def ipn_delivered(monkeypatch):
    """Set once the sandbox's background IPN call has had its answer.

    The test waits on this rather than polling the database, so it reads the attempt once, after
    the IPN has been answered, and never races the sandbox's thread.
    """
    from motcua.paysandbox import views

    done = threading.Event()
    real = views._send_ipn

    def send_and_signal(url):
        try:
            real(url)
        finally:
            done.set()

    monkeypatch.setattr(views, "_send_ipn", send_and_signal)
    return done


@pytest.mark.django_db(transaction=True)
def test_pay_through_the_sandbox(live_server, settings, client, world, dossier, ipn_delivered):
    settings.PUBLIC_BASE_URL = live_server.url
    client.force_login(world.users["citizen"])

    response = client.post(f"/thanh-toan/ho-so/{dossier.code}/")
    assert response.status_code == 302 and response["Location"].startswith(live_server.url + "/sandbox-vnpay/")
    # The gateway's pages are another site: the payer has no session there.
    gateway = Client()
    page = gateway.get(_path(response["Location"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Thanh toán" in body and "Hủy giao dịch" in body and "75000" in body.replace(".", "")

    tx = SandboxTransaction.objects.get()
    back = gateway.post(f"/sandbox-vnpay/paymentv2/{tx.pk}/decide/", {"action": "approve"})
    assert back.status_code == 302 and back["Location"].startswith(live_server.url + "/thanh-toan/vnpay/ket-qua/")

    assert ipn_delivered.wait(20), "the sandbox never called the IPN"
    attempt = PaymentAttempt.objects.get()
    assert attempt.status == AttemptStatus.PAID
    dossier.refresh_from_db()
    assert dossier.fee_paid == 75000
    assert attempt.transaction_no == tx.transaction_no
    result = client.get(_path(back["Location"])).content.decode()
    assert "Thanh toán thành công" in result and "Hệ thống đã ghi nhận khoản nộp vào hồ sơ" in result


@pytest.mark.django_db(transaction=True)
def test_cancel_in_the_sandbox(live_server, settings, client, world, dossier, ipn_delivered):
    settings.PUBLIC_BASE_URL = live_server.url
    client.force_login(world.users["citizen"])
    response = client.post(f"/thanh-toan/ho-so/{dossier.code}/")
    gateway = Client()
    gateway.get(_path(response["Location"]))
    tx = SandboxTransaction.objects.get()
    back = gateway.post(f"/sandbox-vnpay/paymentv2/{tx.pk}/decide/", {"action": "cancel"})
    assert ipn_delivered.wait(20), "the sandbox never called the IPN"
    assert PaymentAttempt.objects.get().status == AttemptStatus.FAILED
    dossier.refresh_from_db()
    assert dossier.fee_paid == 0
    assert "mã 24" in client.get(_path(back["Location"])).content.decode()


@pytest.mark.django_db
def test_sandbox_refuses_a_bad_signature(client, attempt):
    from motcua.payments.providers.vnpay import VnpayProvider

    url = VnpayProvider(secret="not-shared").payment_url(attempt, ip_address="127.0.0.1")
    assert client.get(_path(url)).status_code == 400
    assert not SandboxTransaction.objects.exists()
