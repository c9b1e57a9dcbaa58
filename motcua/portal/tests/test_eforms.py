"""E-forms are data: checked when an administrator saves them, versioned by the date they take effect."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ..eforms import form_class, parse_fields
from ..models import EForm
from .helpers import portal_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "x"}, "danh sách"),
    ([{"name": "Diện tích", "label": "Diện tích"}], "Trường thứ 1"),
    ([{"name": "loai", "label": "Loại", "type": "select"}], "select needs choices"),
    ([{"name": "a", "label": "A"}, {"name": "a", "label": "B"}], "bị trùng"),
    ([{"name": "a", "label": "A", "pattern": "(["}], "pattern"),
    ([{"name": "a", "label": "A", "type": "colour"}], "Trường thứ 1"),
])
def test_bad_definitions_are_refused_with_the_field_named(fields, message):
    with pytest.raises(ValidationError) as refused:
        parse_fields(fields)
    assert message in " ".join(refused.value.messages)


def test_the_version_in_force_is_the_latest_started(settings):
    w = portal_world()
    newer = EForm.objects.create(procedure=w.procedure, version=2, effective_from=datetime.date(2030, 1, 1),
                                 title="Mẫu mới", fields=[{"name": "a", "label": "A"}])
    assert EForm.objects.in_force(w.procedure) == w.eform
    assert EForm.objects.in_force(w.procedure, datetime.date(2030, 1, 2)) == newer


def test_generated_form_validates_types_and_patterns():
    Form = form_class(parse_fields([
        {"name": "cccd", "label": "Số CCCD", "type": "id_number", "required": True},
        {"name": "ngay", "label": "Ngày", "type": "date"},
        {"name": "ma", "label": "Mã", "pattern": "^[A-Z]{2}\\d{3}$", "pattern_message": "Hai chữ in hoa, ba số"},
    ]))
    form = Form({"cccd": "12345", "ngay": "31/02/2026", "ma": "ab123"})
    assert not form.is_valid()
    assert "12 chữ số" in form.errors["cccd"][0] and "Hai chữ in hoa" in form.errors["ma"][0]
    good = Form({"cccd": "060090001234", "ngay": "2026-02-28", "ma": "AB123"})
    assert good.is_valid() and good.answers() == {"cccd": "060090001234", "ngay": "2026-02-28", "ma": "AB123"}


def test_admin_refuses_an_invalid_definition(admin_client):
    w = portal_world()
    r = admin_client.post("/admin/portal/eform/add/", {
        "procedure": w.procedure.pk, "version": 3, "effective_from": "2026-01-01", "title": "Sai",
        "fields": '[{"name": "x", "label": "X", "type": "select"}]', "legal_basis": "",
    })
    assert r.status_code == 200 and "select needs choices" in r.content.decode()
    assert not EForm.objects.filter(version=3).exists()
