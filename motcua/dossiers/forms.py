"""Forms of the officials' pages: parse and check input, never write (the services do).

Text is NFC at the boundary; scans are checked by content, not by name, before any service runs.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.text import nfc
from motcua.directory.models import Agency, Desk

from .models import IdType, PartyKind, ReturnMethod
from .workflow import Status

MAX_SCAN_BYTES = 10 * 1024 * 1024
# Extension → the content it must have: a renamed file (a .pdf that is really a PNG, or text) is refused.
KINDS = {"pdf": ("pdf", b"%PDF-"), "jpg": ("jpg", b"\xff\xd8\xff"), "jpeg": ("jpg", b"\xff\xd8\xff"),
         "png": ("png", b"\x89PNG\r\n\x1a\n")}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def check_scan(upload):
    """PDF, JPEG or PNG, at most 10 MB, with content matching the name; stored under a neutral name."""
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(_("Tệp “%(name)s” lớn hơn 10 MB."), params={"name": upload.name}, code="too_big")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in KINDS:
        raise ValidationError(_("Chỉ nhận tệp PDF, JPEG hoặc PNG."), code="bad_type")
    stored_as, magic = KINDS[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không phải là tệp %(kind)s: tệp có thể đã bị đổi tên hoặc bị hỏng."),
            params={"name": upload.name, "kind": stored_as.upper()}, code="bad_content",
        )
    # The citizen's file name often carries their name: keep personal data out of storage paths.
    upload.name = f"{secrets.token_hex(10)}.{stored_as}"
    return upload


def scan_field(label, required=False):
    return forms.FileField(label=label, required=required, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))


def multiline(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def lines(value: str) -> list[str]:
    return [nfc(line) for line in (value or "").splitlines() if nfc(line)]


class NfcForm(forms.Form):
    """Single-line text folded to NFC; text areas keep their line breaks."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                textarea = isinstance(self.fields[name].widget, forms.Textarea)
                data[name] = multiline(value) if textarea else nfc(value)
        return data


# --- The applicant -------------------------------------------------------------------------------

class PartyForm(NfcForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    name = forms.CharField(label=_("Họ tên / tên tổ chức"), max_length=255)
    id_type = forms.ChoiceField(label=_("Loại giấy tờ"), choices=IdType.choices, initial=IdType.CCCD)
    id_number = forms.CharField(label=_("Số giấy tờ"), max_length=32, required=False)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        number = data.get("id_number", "")
        if number and data.get("id_type") in (IdType.CCCD, IdType.CMND) and not re.fullmatch(r"\d{9}|\d{12}", number):
            self.add_error("id_number", _("Số CCCD gồm 12 chữ số (CMND cũ: 9 hoặc 12 chữ số)."))
        phone = data.get("phone", "")
        if phone and not re.fullmatch(r"\+?[0-9 .]{8,15}", phone):
            self.add_error("phone", _("Số điện thoại chỉ gồm chữ số, 8–15 số."))
        born = data.get("birth_date")
        if born and born > timezone.localdate():
            self.add_error("birth_date", _("Ngày sinh không thể sau hôm nay."))
        return data

    def party(self) -> dict | None:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class OptionalPartyForm(PartyForm):
    """Someone submitting on the owner's behalf: all blank means nobody."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name_ in self.fields:
            self.fields[name_].required = False

    def has_content(self) -> bool:
        keys = ("name", "id_number", "birth_date", "phone", "email", "address")
        return any((self.data.get(self.add_prefix(k)) or "").strip() for k in keys)

    def clean(self):
        data = super().clean()
        if self.has_content() and not data.get("name"):
            self.add_error("name", _("Nhập họ tên người nộp, hoặc để trống cả phần này."))
        return data

    def party(self) -> dict | None:
        return super().party() if self.has_content() else None


def desk_choice(desk_ids) -> forms.ModelChoiceField | None:
    """Only an officer working at several desks chooses one; the service picks the only one otherwise."""
    if len(desk_ids) < 2:
        return None
    return forms.ModelChoiceField(label=_("Bộ phận tiếp nhận"), queryset=Desk.objects.filter(pk__in=desk_ids))


# --- Reception -----------------------------------------------------------------------------------

class WalkInForm(NfcForm):
    summary = forms.CharField(label=_("Trích yếu nội dung yêu cầu"), required=False, max_length=2000, widget=TEXTAREA)
    sets = forms.IntegerField(label=_("Số bộ hồ sơ"), min_value=1, max_value=20, initial=1)
    return_method = forms.ChoiceField(label=_("Hình thức nhận kết quả"), choices=ReturnMethod.choices,
                                      initial=ReturnMethod.DESK)

    def __init__(self, *args, procedure, desk_ids, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = list(procedure.agencies.active_on(timezone.localdate()).order_by("name"))
        if len(agencies) > 1:
            self.fields["competent_agency"] = forms.ModelChoiceField(
                label=_("Cơ quan giải quyết"), queryset=procedure.agencies.active_on(timezone.localdate()),
                empty_label=_("— Chọn cơ quan giải quyết —"),
            )
            served = list(Desk.objects.filter(pk__in=desk_ids).values_list("serves", flat=True))
            mine = [a for a in agencies if a.pk in served]
            if len(mine) == 1:
                self.fields["competent_agency"].initial = mine[0].pk
        desk = desk_choice(desk_ids)
        if desk:
            self.fields["desk"] = desk


class ComponentForm(forms.Form):
    """One row of the checklist: what the applicant brought for one required document, and its scan."""

    originals = forms.IntegerField(label=_("Bản chính"), min_value=0, max_value=99)
    certified_copies = forms.IntegerField(label=_("Bản sao chứng thực"), min_value=0, max_value=99)
    copies = forms.IntegerField(label=_("Bản sao"), min_value=0, max_value=99)
    scan = scan_field(_("Bản quét"))

    def __init__(self, *args, document, **kwargs):
        kwargs.setdefault("prefix", f"doc{document.pk}")
        kwargs.setdefault("initial", {"originals": document.originals, "certified_copies": document.certified_copies,
                                      "copies": document.copies})
        super().__init__(*args, **kwargs)
        self.document = document

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        return check_scan(scan) if scan else None

    def clean(self):
        data = super().clean()
        counts = sum(data.get(k) or 0 for k in ("originals", "certified_copies", "copies"))
        if self.document.mandatory and not counts and not data.get("scan") and not self.errors:
            raise ValidationError(_("Giấy tờ bắt buộc: ghi số bản đã nhận hoặc đính kèm bản quét. Nếu công dân "
                                    "chưa có, hãy hướng dẫn bổ sung (Mẫu 02)."))
        return data

    def item(self) -> dict | None:
        data = self.cleaned_data
        counts = {k: data.get(k) or 0 for k in ("originals", "certified_copies", "copies")}
        if not any(counts.values()) and not data.get("scan"):
            return None
        return {"required_document": self.document.pk, **counts, "scan": data.get("scan")}


class TurnedAwayForm(NfcForm):
    form = forms.ChoiceField(label=_("Phiếu"), widget=forms.RadioSelect, initial="02", choices=[
        ("02", _("Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
        ("03", _("Mẫu 03 — Phiếu từ chối tiếp nhận hồ sơ")),
    ])
    items = forms.CharField(label=_("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)"), required=False, widget=TEXTAREA)
    guidance = forms.CharField(label=_("Nội dung hướng dẫn / lý do"), max_length=4000, widget=TEXTAREA)

    def __init__(self, *args, desk_ids, **kwargs):
        super().__init__(*args, **kwargs)
        desk = desk_choice(desk_ids)
        if desk:
            self.fields["desk"] = desk

    def clean_items(self):
        return lines(self.cleaned_data.get("items"))

    def clean(self):
        data = super().clean()
        if data.get("form") == "02" and not data.get("items"):
            self.add_error("items", _("Mẫu 02 phải liệt kê giấy tờ cần bổ sung."))
        return data


# --- Lists and registers -------------------------------------------------------------------------

OPEN, ALL = "", "all"


class ListFilterForm(forms.Form):
    """Every field optional; a bad value drops that filter instead of failing the page."""

    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    sector = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    due_within = forms.IntegerField(label=_("Đến hạn trong (ngày làm việc)"), required=False, min_value=0,
                                    max_value=365)
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)
    mine = forms.BooleanField(label=_("Chỉ hồ sơ giao cho tôi"), required=False)

    def __init__(self, *args, procedures, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(OPEN, _("Chưa có kết quả")), (ALL, _("Tất cả"))] + [
            (str(value), f"{value}. {label}") for value, label in Status.choices
        ]
        self.fields["procedure"].choices = [("", _("Tất cả"))] + list(procedures)
        self.fields["sector"].choices = [("", _("Tất cả"))] + list(sectors)

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or OPEN,
            "procedure": data.get("procedure") or None,
            "sector": data.get("sector") or None,
            "due_within": data.get("due_within"),
            "overdue": bool(data.get("overdue")),
            "mine": bool(data.get("mine")),
        }


class RegisterForm(forms.Form):
    date_from = forms.DateField(label=_("Từ ngày"), widget=DATE)
    date_to = forms.DateField(label=_("Đến ngày"), widget=DATE)
    kind = forms.ChoiceField(label=_("Sổ"), widget=forms.RadioSelect, initial="06", choices=[
        ("06", _("Sổ theo dõi hồ sơ (Mẫu 06)")),
        ("turned_away", _("Sổ hướng dẫn, từ chối tiếp nhận (Mẫu 02, 03 tại quầy)")),
    ])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days > 366:
                self.add_error("date_to", _("Mỗi lần tải tối đa 12 tháng."))
        return data


def month_so_far() -> dict:
    today = timezone.localdate()
    return {"date_from": today.replace(day=1), "date_to": today, "kind": "06"}


# --- Actions on a dossier (one small form each; see views/actions.py) ------------------------------

class ActionForm(NfcForm):
    # The step the page showed, so that a double click or a second tab cannot move the dossier twice.
    seen_step = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, dossier, role=None, pool=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        if dossier.current_step_id:
            self.fields["seen_step"].initial = dossier.current_step.order
        first = next((f for name, f in self.fields.items() if name != "seen_step"), None)
        if first is not None:
            # The form arrives in a panel under the buttons: htmx moves focus to it.
            first.widget.attrs.setdefault("autofocus", True)
        if "assignee" in self.fields:
            field = self.fields["assignee"]
            field.queryset = pool if pool is not None else field.queryset.none()
            field.label_from_instance = lambda u: f"{u.full_name or u.username} ({u.username})"


def note_field(required=False, label=None):
    return forms.CharField(label=label or _("Ghi chú"), required=required, max_length=4000, widget=TEXTAREA)


def assignee_field(required):
    from motcua.directory.models import User

    return forms.ModelChoiceField(
        label=_("Cán bộ nhận xử lý"), queryset=User.objects.none(), required=required,
        empty_label=None if required else _("Hệ thống tự chọn (cán bộ đang ít hồ sơ nhất)"),
    )


class NoteForm(ActionForm):
    note = note_field()


class ReasonForm(ActionForm):
    reason = note_field(required=True, label=_("Lý do"))


class SupplementForm(ActionForm):
    items = forms.CharField(label=_("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)"), widget=TEXTAREA)
    reason = note_field(label=_("Lý do"))
    deadline = forms.DateField(label=_("Hạn bổ sung"), required=False, widget=DATE)

    def clean_items(self):
        items = lines(self.cleaned_data.get("items"))
        if not items:
            raise ValidationError(_("Phải liệt kê giấy tờ cần bổ sung."))
        return items

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise ValidationError(_("Hạn bổ sung không thể trước hôm nay."))
        return deadline


class AssignForm(ActionForm):
    assignee = assignee_field(required=False)
    note = note_field()


class SendBackForm(ActionForm):
    assignee = assignee_field(required=False)
    note = note_field(required=True, label=_("Lý do trả lại"))


class ReassignForm(ActionForm):
    assignee = assignee_field(required=True)
    note = note_field()


class CoordinationForm(ActionForm):
    agency = forms.ModelChoiceField(label=_("Cơ quan phối hợp"), queryset=Agency.objects.none(),
                                    empty_label=_("— Chọn cơ quan —"))
    request = note_field(required=True, label=_("Nội dung đề nghị"))
    working_days = forms.IntegerField(label=_("Thời hạn trả lời (ngày làm việc)"), min_value=1, max_value=60,
                                      initial=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = (
            Agency.objects.active_on(timezone.localdate()).exclude(pk=self.dossier.competent_agency_id)
            .order_by("name")
        )


class AnswerForm(ActionForm):
    answer = note_field(required=True, label=_("Ý kiến trả lời"))


PAYMENT_METHODS = [("cash", _("Tiền mặt tại quầy")), ("transfer", _("Chuyển khoản")), ("card", _("Thẻ / POS"))]


class PaymentForm(ActionForm):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    method = forms.ChoiceField(label=_("Hình thức"), choices=PAYMENT_METHODS)
    reference = forms.CharField(label=_("Mã giao dịch / số biên lai"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        due = self.dossier.fee_amount - self.dossier.fee_paid
        if due > 0:
            self.fields["amount"].initial = due


class ObligationForm(ActionForm):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    reason = note_field(required=True, label=_("Nội dung nghĩa vụ tài chính"))
    deadline = forms.DateField(label=_("Hạn nộp"), required=False, widget=DATE)


class ObligationPaidForm(ActionForm):
    method = forms.ChoiceField(label=_("Hình thức"), choices=PAYMENT_METHODS)
    reference = forms.CharField(label=_("Mã giao dịch / số biên lai"), required=False, max_length=100)
    amount = forms.IntegerField(label=_("Số tiền (để trống nếu đúng số được yêu cầu)"), min_value=1, required=False)


class ResultForm(ActionForm):
    result_number = forms.CharField(label=_("Số, ký hiệu văn bản kết quả"), max_length=64)
    result_date = forms.DateField(label=_("Ngày ký"), widget=DATE, initial=timezone.localdate)
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    result_file = scan_field(_("Tệp kết quả (PDF, JPEG, PNG; tối đa 10 MB)"))
    note = note_field()

    def clean_result_file(self):
        upload = self.cleaned_data.get("result_file")
        return check_scan(upload) if upload else None

    def clean_result_date(self):
        day = self.cleaned_data.get("result_date")
        if day and day > timezone.localdate():
            raise ValidationError(_("Ngày ký không thể sau hôm nay."))
        return day


class ReturnForm(ActionForm):
    method = forms.ChoiceField(label=_("Hình thức trả kết quả"), choices=ReturnMethod.choices)
    note = note_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].initial = self.dossier.return_method


class PostForm(ActionForm):
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=64, min_length=4)
    address = forms.CharField(label=_("Địa chỉ nhận"), max_length=255, required=False,
                              help_text=_("Để trống: địa chỉ công dân đã đăng ký khi nộp."))
    carrier = forms.CharField(label=_("Đơn vị bưu chính"), max_length=64, initial="VNPost")


class ApologyForm(ActionForm):
    reason = note_field(required=True, label=_("Lý do chậm"))
    new_due_at = forms.DateTimeField(
        label=_("Ngày hẹn trả mới"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        due = self.dossier.due_at
        if due:
            from motcua.worktime.calendar import get_calendar

            # A suggestion only: five working days after the legal date, which the leader adjusts.
            self.fields["new_due_at"].initial = timezone.localtime(get_calendar().due_date(due, 5))

    def clean_new_due_at(self):
        new = self.cleaned_data.get("new_due_at")
        if new and self.dossier.due_at and new <= self.dossier.due_at:
            raise ValidationError(_("Ngày hẹn mới phải sau hạn trả kết quả hiện tại."))
        return new
