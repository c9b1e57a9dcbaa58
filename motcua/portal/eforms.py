"""E-forms as data: a procedure's fields are a JSON list checked here and turned into a Django form.

The definition is stored with the procedure (versioned by effective date, edited in the admin), so a
new decree's form is a new row, not a code change. Answers are kept as JSON on the dossier.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic import ValidationError as SpecError

from motcua.core.text import nfc

FieldType = Literal["text", "textarea", "number", "date", "email", "phone", "id_number", "select", "checkbox"]
PHONE = r"^0\d{9}$"
ID_NUMBER = r"^\d{12}$"


class FieldSpec(BaseModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: str = Field(min_length=1, max_length=300)
    type: FieldType = "text"
    required: bool = False
    help: str = ""
    choices: list[str] = []
    min: float | None = None
    max: float | None = None
    max_length: int = Field(default=500, ge=1, le=5000)
    pattern: str = ""
    pattern_message: str = ""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        if value:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"pattern: {exc}") from None
        return value

    @model_validator(mode="after")
    def _choices_for_select(self):
        if self.type == "select" and not self.choices:
            raise ValueError("select needs choices")
        return self


def parse_fields(raw) -> list[FieldSpec]:
    """The definition as specs, or a ValidationError naming the faulty field (for the admin)."""
    if not isinstance(raw, list):
        raise ValidationError(_("Định nghĩa biểu mẫu phải là một danh sách trường."))
    specs, seen = [], set()
    for index, item in enumerate(raw, start=1):
        try:
            spec = FieldSpec.model_validate(item)
        except SpecError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '-'}: {e['msg']}" for e in exc.errors())
            raise ValidationError(_("Trường thứ %(n)s không hợp lệ: %(problems)s"),
                                  params={"n": index, "problems": problems}) from None
        if spec.name in seen:
            raise ValidationError(_("Tên trường “%(name)s” bị trùng."), params={"name": spec.name})
        seen.add(spec.name)
        specs.append(spec)
    return specs


def _whole(bound: float | None):
    # "1" rather than "1.0" in the browser's min attribute and in the error message.
    return int(bound) if bound is not None and float(bound).is_integer() else bound


def _field(spec: FieldSpec) -> forms.Field:
    common = {"label": nfc(spec.label), "required": spec.required, "help_text": spec.help}
    if spec.type == "textarea":
        return forms.CharField(max_length=spec.max_length, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if spec.type == "number":
        return forms.DecimalField(min_value=_whole(spec.min), max_value=_whole(spec.max), **common)
    if spec.type == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    if spec.type == "email":
        return forms.EmailField(**common)
    if spec.type == "select":
        return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in spec.choices], **common)
    if spec.type == "checkbox":
        return forms.BooleanField(**common)
    validators = []
    if spec.type == "phone":
        validators.append(RegexValidator(PHONE, _("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")))
    elif spec.type == "id_number":
        validators.append(RegexValidator(ID_NUMBER, _("Số định danh cá nhân gồm 12 chữ số.")))
    if spec.pattern:
        validators.append(RegexValidator(spec.pattern, spec.pattern_message or _("Giá trị không đúng định dạng.")))
    return forms.CharField(max_length=spec.max_length, validators=validators, **common)


class EFormBase(forms.Form):
    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = nfc(value) if "\n" not in value else value.strip()
        return data

    def answers(self) -> dict:
        """JSON-safe answers: dates as ISO strings, numbers as text (exact, as the citizen typed)."""
        out = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif value is not None and not isinstance(value, (str, bool, int)):
                value = str(value)
            out[name] = value
        return out


def form_class(specs: list[FieldSpec]) -> type[forms.Form]:
    return type("EForm", (EFormBase,), {spec.name: _field(spec) for spec in specs})


def labelled(specs: list[FieldSpec], answers: dict) -> list[tuple[str, object]]:
    """(label, answer) pairs in the form's order, for the review page and the officials."""
    return [(spec.label, answers.get(spec.name)) for spec in specs if spec.name in answers]
