"""Starting a payment, and the page the citizen comes back to."""

from urllib.parse import parse_qs, urlsplit

import pytest

from motcua.payments.models import AttemptStatus, PaymentAttempt
from motcua.payments.providers.vnpay import verify

from .conftest import SECRET, TMN, ipn_params, send_ipn

pytestmark = pytest.mark.django_db


def _start(client, user, dossier):
    client.force_login(user)
    return client.post(f"/thanh-toan/ho-so/{dossier.code}/")


def test_owner_is_redirected_to_a_signed_gateway_url(client, world, dossier):
    response = _start(client, world.users["citizen"], dossier)
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.geturl().startswith("https://dichvucong.example.vn/sandbox-vnpay/paymentv2/vpcpay.html?")
    params = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert verify(params, SECRET)
    attempt = PaymentAttempt.objects.get()
    assert params["vnp_TxnRef"] == attempt.txn_ref and params["vnp_TmnCode"] == TMN
    assert params["vnp_Amount"] == "7500000" and attempt.amount == 75000
    assert params["vnp_ReturnUrl"] == "https://dichvucong.example.vn/thanh-toan/vnpay/ket-qua/"
    assert attempt.status == AttemptStatus.PENDING and attempt.started_by == world.users["citizen"]


def test_every_attempt_gets_a_new_txn_ref(client, world, dossier):
    _start(client, world.users["citizen"], dossier)
    _start(client, world.users["citizen"], dossier)
    assert len({a.txn_ref for a in PaymentAttempt.objects.all()}) == 2


def test_desk_officer_may_start(client, world, dossier):
    assert _start(client, world.users["desk_s"], dossier).status_code == 302


def test_someone_else_gets_404(client, world, dossier):
    from motcua.dossiers.tests.factories import more_people

    more_people(world)
    assert _start(client, world.users["citizen2"], dossier).status_code == 404
    assert _start(client, world.users["specialist_c2"], dossier).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, dossier):
    response = client.post(f"/thanh-toan/ho-so/{dossier.code}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_nothing_due_is_refused_in_vietnamese(client, world, dossier):
    dossier.fee_paid = dossier.fee_amount
    dossier.save(update_fields=["fee_paid"])
    response = _start(client, world.users["citizen"], dossier)
    assert response.status_code == 409
    assert "không còn khoản phí, lệ phí nào phải nộp" in response.content.decode()
    assert not PaymentAttempt.objects.exists()


def test_return_page_does_not_mark_paid(client, attempt, dossier):
    response = client.get("/thanh-toan/vnpay/ket-qua/", ipn_params(attempt))
    assert response.status_code == 200
    assert "Thanh toán thành công" in response.content.decode()
    attempt.refresh_from_db()
    dossier.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING and dossier.fee_paid == 0


def test_return_page_after_ipn_offers_the_confirmation(client, attempt):
    send_ipn(client, ipn_params(attempt))
    body = client.get("/thanh-toan/vnpay/ket-qua/", ipn_params(attempt)).content.decode()
    assert "Hệ thống đã ghi nhận khoản nộp vào hồ sơ" in body
    assert f"/thanh-toan/giao-dich/{attempt.txn_ref}/xac-nhan.pdf" in body


def test_return_page_with_bad_signature(client, attempt):
    response = client.get("/thanh-toan/vnpay/ket-qua/", ipn_params(attempt, secret="wrong"))
    assert response.status_code == 400
    assert "sai chữ ký" in response.content.decode()


def test_return_page_for_a_cancelled_payment(client, attempt):
    body = client.get("/thanh-toan/vnpay/ket-qua/", ipn_params(attempt, code="24")).content.decode()
    assert "Thanh toán không thành công (mã 24)" in body


def test_return_page_groups_the_amount_in_thousands(client, attempt):
    # 75000 read as "75000 đồng" on a payment page looks like a typo to a citizen checking the sum.
    body = client.get("/thanh-toan/vnpay/ket-qua/", ipn_params(attempt)).content.decode()
    assert "Số tiền: 75.000 đồng" in body


def test_start_page_groups_the_amount_due(client, world, dossier):
    client.force_login(world.users["citizen"])
    body = client.get(f"/thanh-toan/ho-so/{dossier.code}/").content.decode()
    assert "Số tiền phải nộp: 75.000 đồng" in body
