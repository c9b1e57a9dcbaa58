"""The confirmation PDF: what it says, and who may fetch it."""

import shutil
import subprocess

import pytest

from .conftest import ipn_params, send_ipn

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdf_has_code_amount_and_words(client, world, attempt, dossier, tmp_path):
    send_ipn(client, ipn_params(attempt))
    client.force_login(world.users["citizen"])
    response = client.get(f"/thanh-toan/giao-dich/{attempt.txn_ref}/xac-nhan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path)
    assert "Xác nhận thanh toán trực tuyến" in text
    assert "BIÊN LAI" not in text.upper().replace("BIÊN LAI THU PHÍ", "")
    assert dossier.code in text
    assert "75.000 đồng" in text
    assert "Bảy mươi lăm nghìn đồng" in text
    assert "14226112" in text and "VNPAY" in text
    assert "Nguyễn Văn An" in text


def test_pdf_only_for_paid_attempts_and_their_people(client, world, attempt):
    from motcua.dossiers.tests.factories import more_people

    client.force_login(world.users["citizen"])
    assert client.get(f"/thanh-toan/giao-dich/{attempt.txn_ref}/xac-nhan.pdf").status_code == 404
    send_ipn(client, ipn_params(attempt))
    more_people(world)
    client.force_login(world.users["citizen2"])
    assert client.get(f"/thanh-toan/giao-dich/{attempt.txn_ref}/xac-nhan.pdf").status_code == 404
