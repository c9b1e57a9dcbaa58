"""A procedure with a four-step process on top of the directory's test world."""

from decimal import Decimal

from motcua.catalog.models import Fee, ProcessStep, ProcessVersion, Procedure, RequiredDocument, Sector
from motcua.directory.models import Role, RoleKind, User
from motcua.directory.tests.world import build_world


def build_dossier_world():
    w = build_world()
    a = w.agencies
    sector = Sector.objects.create(code="XD", name="Xây dựng")
    procedure = Procedure.objects.create(
        code="1.009994", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", sector=sector,
        time_limit=Decimal("15"), in_rating_pilot=True,
    )
    procedure.agencies.set([a["A"]])
    Fee.objects.create(procedure=procedure, name="Lệ phí cấp giấy phép xây dựng", amount=75000)
    RequiredDocument.objects.create(procedure=procedure, order=1, name="Đơn đề nghị cấp giấy phép xây dựng",
                                    originals=1)
    RequiredDocument.objects.create(procedure=procedure, order=2, name="Bản vẽ thiết kế", originals=2)
    version = ProcessVersion.objects.create(procedure=procedure, number=1, effective_from="2020-01-01")
    for order, name, role, hours, back in [
        (1, "Tiếp nhận, chuyển hồ sơ", RoleKind.DESK_OFFICER, 4, False),
        (2, "Thẩm định hồ sơ", RoleKind.SPECIALIST, 80, False),
        (3, "Lãnh đạo phòng xem xét", RoleKind.HEAD_OF_DIVISION, 20, True),
        (4, "Lãnh đạo Sở ký duyệt", RoleKind.AGENCY_LEADER, 16, True),
    ]:
        ProcessStep.objects.create(version=version, order=order, name=name, role=role, hours=hours,
                                   may_send_back=back)
    w.procedure = procedure
    # A second specialist so that assignment has a choice, and a leader at the coordinating agency.
    extra = User.objects.create_user("specialist_a2", password="x", full_name="Chuyên viên hai")
    Role.objects.create(user=extra, agency=a["A"], kind=RoleKind.SPECIALIST)
    w.users["specialist_a2"] = extra
    leader_b = User.objects.create_user("leader_b", password="x", full_name="Lãnh đạo Sở Tư pháp")
    Role.objects.create(user=leader_b, agency=a["B"], kind=RoleKind.AGENCY_LEADER)
    w.users["leader_b"] = leader_b
    citizen = User.objects.create_user("citizen", password="x", full_name="Nguyễn Văn An")
    w.users["citizen"] = citizen
    return w


OWNER = {"name": "Nguyễn Văn An", "id_number": "060090001234", "phone": "0912345678",
         "email": "an@example.vn", "address": "12 Trần Hưng Đạo, phường Mới"}
