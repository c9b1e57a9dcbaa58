"""The dossier (hồ sơ) and what hangs off it: parties, components, pauses, hand-overs, events.

Rows here change only through `motcua.dossiers.services`; see workflow.py for the statuses.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import LimitUnit, Procedure, ProcessStep, ProcessVersion, RequiredDocument
from motcua.core.models import AppendOnlyEvent, TimeStamped
from motcua.core.text import nfc, search_key
from motcua.directory.models import Agency, Counter, Desk

from .workflow import Status

# Not yet terminal: what officials still work on (a ready result still has to be handed over).
ACTIVE = sorted(set(Status.values) - Status.terminal())


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Bưu chính")


class ReturnMethod(models.TextChoices):
    DESK = "desk", _("Tại bộ phận một cửa")
    DOWNLOAD = "download", _("Tải kết quả điện tử")
    POST = "post", _("Qua bưu chính")


class PartyKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")


class IdType(models.TextChoices):
    CCCD = "cccd", _("Căn cước / CCCD")
    CMND = "cmnd", _("CMND")
    PASSPORT = "passport", _("Hộ chiếu")
    TAX_CODE = "tax_code", _("Mã số thuế")


class Party(models.Model):
    """The owner of a dossier (chủ hồ sơ) or the person who submitted it on their behalf."""

    kind = models.CharField(_("loại"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField(_("họ tên / tên tổ chức"), max_length=255)
    id_type = models.CharField(_("loại giấy tờ"), max_length=16, choices=IdType.choices, default=IdType.CCCD)
    id_number = models.CharField(_("số giấy tờ"), max_length=32, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Agency, verbose_name=_("xã, phường"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("người nộp / chủ hồ sơ")
        verbose_name_plural = _("người nộp / chủ hồ sơ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.address = nfc(self.address)
        self.name_key = search_key(self.name)
        super().save(*args, **kwargs)


class Dossier(TimeStamped):
    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    procedure = models.ForeignKey(Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+")
    receiving_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan tiếp nhận"), on_delete=models.PROTECT, related_name="received_dossiers"
    )
    desk = models.ForeignKey(Desk, verbose_name=_("bộ phận một cửa"), null=True, blank=True, on_delete=models.PROTECT)
    counter = models.ForeignKey(Counter, verbose_name=_("quầy"), null=True, blank=True, on_delete=models.SET_NULL)
    competent_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan giải quyết"), on_delete=models.PROTECT, related_name="competent_dossiers"
    )
    channel = models.CharField(_("hình thức nộp"), max_length=16, choices=Channel.choices)
    owner = models.ForeignKey(Party, verbose_name=_("chủ hồ sơ"), on_delete=models.PROTECT, related_name="+")
    submitter = models.ForeignKey(
        Party, verbose_name=_("người nộp"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản công dân"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="own_dossiers",
    )
    summary = models.TextField(_("trích yếu nội dung yêu cầu"), blank=True)
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)
    form_data = models.JSONField(_("dữ liệu biểu mẫu điện tử"), default=dict, blank=True)

    status = models.PositiveSmallIntegerField(_("trạng thái"), choices=Status.choices, db_index=True)
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn trả kết quả"), null=True, blank=True)
    promised_at = models.DateTimeField(_("ngày hẹn lại"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm có kết quả"), null=True, blank=True)
    returned_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả kết quả"), max_length=16, choices=ReturnMethod.choices, default=ReturnMethod.DESK
    )

    result_number = models.CharField(_("số văn bản kết quả"), max_length=64, blank=True)
    result_date = models.DateField(_("ngày ký kết quả"), null=True, blank=True)
    result_signer = models.CharField(_("người ký"), max_length=150, blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to="results/%Y/%m/", blank=True)
    closing_reason = models.TextField(_("lý do dừng / từ chối / rút"), blank=True)

    current_step = models.ForeignKey(
        ProcessStep, verbose_name=_("bước hiện tại"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    step_entered_at = models.DateTimeField(null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đang xử lý"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assigned_dossiers",
    )
    # Set while the legal clock is stopped (supplement, or an obligation that does not count).
    paused_since = models.DateTimeField(null=True, blank=True)

    # Snapshot at acceptance: later catalog edits do not change an open dossier.
    time_limit = models.DecimalField(_("thời hạn giải quyết"), max_digits=6, decimal_places=2, null=True, blank=True)
    time_limit_unit = models.CharField(max_length=16, choices=LimitUnit.choices, blank=True)
    same_day_cutoff = models.TimeField(null=True, blank=True)
    obligation_wait_counts = models.BooleanField(default=True)
    process_version = models.ForeignKey(
        ProcessVersion, verbose_name=_("quy trình áp dụng"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    fee_amount = models.PositiveBigIntegerField(_("phí, lệ phí phải nộp"), default=0)
    fee_paid = models.PositiveBigIntegerField(_("phí, lệ phí đã nộp"), default=0)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["competent_agency", "status", "due_at"], name="dossier_competent_idx"),
            models.Index(fields=["receiving_agency", "status", "due_at"], name="dossier_receiving_idx"),
            models.Index(fields=["assignee", "status", "due_at"], name="dossier_assignee_idx"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            models.Index(fields=["account", "submitted_at"], name="dossier_account_idx"),
            models.Index(fields=["receiving_agency", "accepted_at"], name="dossier_received_on_idx"),
            # Officials' lists show unfinished dossiers by due date: partial indexes keep them small
            # and already in the order of the page (PostgreSQL; SQLite uses them too).
            models.Index(fields=["due_at", "code"], condition=Q(status__in=ACTIVE), name="dossier_active_due_idx"),
            # Exactly overdue_q() without its date: counting today's overdue dossiers (the dashboards) is
            # an index-only range scan instead of a pass over every unfinished dossier.
            models.Index(fields=["due_at", "competent_agency"], name="dossier_clock_due_idx",
                         condition=Q(status__in=[2, 4, 5, 6], paused_since__isnull=True)),
            models.Index(fields=["competent_agency", "due_at", "code"], condition=Q(status__in=ACTIVE),
                         name="dossier_active_competent_idx"),
            models.Index(fields=["receiving_agency", "due_at", "code"], condition=Q(status__in=ACTIVE),
                         name="dossier_active_receiving_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__gte=1, status__lte=10), name="dossier_status_range"),
            # A dossier may be asked to supplement, withdrawn or stopped before acceptance; once
            # accepted it always has its legal due date, and statuses 2, 4, 6, 9, 10 need acceptance.
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True, due_at__isnull=True)
                | Q(accepted_at__isnull=False, due_at__isnull=False),
                name="dossier_accepted_has_due",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[1, 3, 5, 7, 8]) | Q(accepted_at__isnull=False),
                name="dossier_status_needs_acceptance",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.status in Status.clock_running()
            and self.paused_since is None
            and self.due_at
            and self.due_at < timezone.now()
        )


class DossierFile(models.Model):
    """Thành phần hồ sơ as submitted: counts per the checklist, and the scan if digitised."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    required_document = models.ForeignKey(
        RequiredDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("bản sao chứng thực"), default=0)
    copies = models.PositiveSmallIntegerField(_("bản sao"), default=0)
    scan = models.FileField(_("bản quét"), upload_to="scans/%Y/%m/", blank=True)
    digitised = models.BooleanField(_("đã số hóa"), default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dossier", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self):
        return self.name


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Chờ bổ sung hồ sơ")
    OBLIGATION = "obligation", _("Chờ thực hiện nghĩa vụ tài chính")


class Pause(models.Model):
    """An interval during which the dossier waited for the applicant."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=16, choices=PauseKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    stops_clock = models.BooleanField(default=True)
    resume_status = models.PositiveSmallIntegerField(choices=Status.choices)
    items = models.JSONField(_("nội dung yêu cầu"), default=list, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    deadline = models.DateField(_("hạn bổ sung / nộp"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền"), default=0)

    class Meta:
        ordering = ["dossier", "started_at"]
        verbose_name = _("thời gian tạm dừng")
        verbose_name_plural = _("thời gian tạm dừng")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(ended_at__isnull=True), name="one_open_pause_per_dossier"
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.get_kind_display()}"


class Coordination(models.Model):
    """Liên thông: the competent agency asks another agency for an opinion or a decision."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="coordinations")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan phối hợp"), on_delete=models.PROTECT, related_name="+")
    request = models.TextField(_("nội dung đề nghị"))
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateTimeField(_("hạn trả lời"))
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(_("ý kiến trả lời"), blank=True)

    class Meta:
        ordering = ["dossier", "requested_at"]
        verbose_name = _("xin ý kiến phối hợp")
        verbose_name_plural = _("xin ý kiến phối hợp")
        indexes = [models.Index(fields=["agency", "answered_at"], name="coordination_open_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "agency"], condition=Q(answered_at__isnull=True), name="one_open_request_per_agency"
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id} → {self.agency_id}"


class ApologyState(models.TextChoices):
    PROPOSED = "proposed", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không duyệt")


class Apology(models.Model):
    """Mẫu 04: an apology with a new appointment, approved by the leader of the agency at fault."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan gây chậm"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do chậm"))
    new_due_at = models.DateTimeField(_("ngày hẹn mới"))
    old_due_at = models.DateTimeField(_("hạn cũ"))
    state = models.CharField(max_length=16, choices=ApologyState.choices, default=ApologyState.PROPOSED)
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "proposed_at"]
        verbose_name = _("phiếu xin lỗi và hẹn lại")
        verbose_name_plural = _("phiếu xin lỗi và hẹn lại")

    def __str__(self):
        return f"{self.dossier_id}: {self.get_state_display()}"


class Shipment(models.Model):
    """A result sent by post: the dossier is handed over when the post confirms delivery."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="shipment")
    address = models.CharField(_("địa chỉ nhận"), max_length=255)
    carrier = models.CharField(_("đơn vị bưu chính"), max_length=64, default="VNPost")
    tracking_number = models.CharField(_("mã vận đơn"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delivered_at = models.DateTimeField(_("thời điểm phát thành công"), null=True, blank=True)

    class Meta:
        verbose_name = _("gửi kết quả qua bưu chính")
        verbose_name_plural = _("gửi kết quả qua bưu chính")

    def __str__(self):
        return f"{self.dossier_id}: {self.tracking_number}"


class Payment(models.Model):
    """A fee or obligation payment, as recorded by the desk or reported by a gateway."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    purpose = models.CharField(max_length=16, choices=[("fee", _("Phí, lệ phí")), ("obligation", _("Nghĩa vụ tài chính"))])
    amount = models.PositiveBigIntegerField(_("số tiền"))
    method = models.CharField(_("hình thức"), max_length=32)
    reference = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("thời điểm nộp"))
    status_at_payment = models.PositiveSmallIntegerField(choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "paid_at"]
        verbose_name = _("khoản đã nộp")
        verbose_name_plural = _("khoản đã nộp")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "reference"], condition=~Q(reference=""), name="payment_reference_once"
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.amount:,} đ"


class DossierCounter(models.Model):
    """The last sequence number used by an agency on a local date (see services/codes.py)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_per_day")]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.last}"


class DossierEvent(AppendOnlyEvent):
    """The audit trail: one row per applied action, never changed (a trigger guards it on PostgreSQL)."""

    # No index of its own: event_dossier_idx (dossier, at) leads with it and serves every lookup by
    # dossier; a second one cost each event insert and, at 73 M events, 23 s of a bulk load's rebuild.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events", db_index=False)
    from_status = models.PositiveSmallIntegerField(null=True, blank=True, choices=Status.choices)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    step = models.ForeignKey(ProcessStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    step_due_at = models.DateTimeField(null=True, blank=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The receiving side of a hand-over (an official or an agency), for Mẫu 05.
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receiver_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(null=True, blank=True, help_text="the legal due date after this event")
    attachments = models.JSONField(default=list, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = _("nhật ký xử lý hồ sơ")
        verbose_name_plural = _("nhật ký xử lý hồ sơ")
        indexes = [models.Index(fields=["dossier", "at"], name="event_dossier_idx")]


class TurnedAwayVisit(models.Model):
    """A walk-in turned away at the counter (Mẫu 02 or 03) without a dossier, for the desk's register."""

    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("mẫu"), max_length=2, choices=[("02", _("Mẫu 02")), ("03", _("Mẫu 03"))])
    person = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    guidance = models.TextField(_("nội dung hướng dẫn"))
    items = models.JSONField(_("giấy tờ cần bổ sung"), default=list, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt hướng dẫn không tiếp nhận")
        verbose_name_plural = _("lượt hướng dẫn không tiếp nhận")

    def __str__(self):
        return f"{self.person_id} — {self.get_form_display()}"


class PersonalDataAccess(AppendOnlyEvent):
    """Who looked at whose personal data, as the 2025 personal data protection law expects."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("kênh"), max_length=16, default="web")
    client_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")


class LookupGuard(models.Model):
    """Wrong guesses of the owner's last four digits on the public lookup, per dossier."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, primary_key=True, related_name="+")
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.dossier_id}: {self.failures}"
