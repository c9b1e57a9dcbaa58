"""The portal's fixed forms: who applies and how the result comes back. Procedure fields are e-forms."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.text import nfc
from motcua.core.uploads import ACCEPT
from motcua.dossiers.models import PartyKind, ReturnMethod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Người nộp là"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    name = forms.CharField(label=_("Họ tên / tên tổ chức"), max_length=255)
    id_number = forms.RegexField(
        label=_("Số định danh cá nhân / mã số thuế"), regex=r"^(\d{12}|\d{10}(-\d{3})?)$", max_length=14,
        error_messages={"invalid": _("Nhập 12 chữ số định danh cá nhân, hoặc mã số thuế 10 (hoặc 10-3) chữ số.")},
    )
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE)
    phone = forms.RegexField(label=_("Số điện thoại"), regex=r"^0\d{9}$", max_length=10,
                             error_messages={"invalid": _("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")})
    email = forms.EmailField(label=_("Thư điện tử"), required=False,
                             help_text=_("Để nhận thông báo về hồ sơ."))
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=255)
    return_method = forms.ChoiceField(label=_("Nhận kết quả"), choices=ReturnMethod.choices,
                                      initial=ReturnMethod.DOWNLOAD, widget=forms.RadioSelect)
    post_address = forms.CharField(label=_("Địa chỉ nhận kết quả qua bưu chính"), max_length=255, required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(agencies) > 1:
            # A procedure handled by every commune: the citizen says which one (where they live, usually).
            self.fields["competent_agency"] = forms.ChoiceField(
                label=_("Cơ quan giải quyết"), choices=[("", "—")] + [(a.code, a.name) for a in agencies],
                help_text=_("Nơi hồ sơ được tiếp nhận và giải quyết."),
            )
            self.order_fields(["competent_agency"])

    def clean(self):
        data = super().clean()
        for name in ("name", "address", "post_address"):
            if name in data:
                data[name] = nfc(data[name])
        if data.get("birth_date") and data["birth_date"] > datetime.date.today():
            self.add_error("birth_date", _("Ngày sinh không được sau hôm nay."))
        if data.get("return_method") == ReturnMethod.POST and not data.get("post_address"):
            self.add_error("post_address", _("Hãy nhập địa chỉ nhận kết quả qua bưu chính."))
        return data

    def applicant(self) -> dict:
        data = dict(self.cleaned_data)
        data["id_type"] = "cccd" if data.get("kind") == PartyKind.PERSON else "tax_code"
        if data.get("birth_date"):
            data["birth_date"] = data["birth_date"].isoformat()
        return {k: v for k, v in data.items() if v not in (None, "")}


class UploadForm(forms.Form):
    document = forms.TypedChoiceField(label=_("Thành phần hồ sơ"), coerce=int, required=False, empty_value=None)
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG)"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", _("Giấy tờ khác"))] + [(d.pk, d.name) for d in documents]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class SupplementForm(forms.Form):
    note = forms.CharField(label=_("Nội dung giải trình (nếu có)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Giấy tờ bổ sung (PDF, JPEG, PNG)"), required=False)
