"""The portal's test world: the dossier world's construction permit offered at level 4 with an e-form."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import OnlineLevel
from motcua.demo.data.eforms import CONSTRUCTION_PERMIT
from motcua.dossiers.tests.factories import build_dossier_world

from ..models import EForm

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def portal_world():
    w = build_dossier_world()
    OnlineLevel.objects.create(procedure=w.procedure, level=4, effective_from=datetime.date(2020, 1, 1))
    w.eform = EForm.objects.create(procedure=w.procedure, version=1, effective_from=datetime.date(2021, 3, 3),
                                   **CONSTRUCTION_PERMIT)
    return w


def pdf(name="don-de-nghi.pdf", size=None):
    body = PDF if size is None else PDF + b"0" * (size - len(PDF))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


APPLICANT = {
    "a-kind": "person", "a-name": "Nguyễn Văn An", "a-id_number": "060090001234", "a-phone": "0912345678",
    "a-email": "an@example.vn", "a-address": "12 Trần Hưng Đạo, phường Mới", "a-return_method": "download",
}
ANSWERS = {
    "f-dia_diem": "Thôn 2, xã Mới", "f-lo_dat_so": "125", "f-to_ban_do_so": "14", "f-dien_tich_lo_dat": "120",
    "f-dien_tich_xay_dung": "80", "f-tong_dien_tich_san": "240", "f-so_tang": "3", "f-chieu_cao": "11.5",
    "f-cap_cong_trinh": "Cấp III", "f-cam_ket": "on",
}
