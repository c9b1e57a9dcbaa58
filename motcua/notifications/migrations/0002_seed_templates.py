"""Default Vietnamese wording for every dossier event; administrators edit it in the admin."""

from django.db import migrations

HEAD = "Kính gửi ông/bà {{ name }},\n\n"
FOOT = (
    "\n\nTra cứu tình trạng hồ sơ tại: {{ public_base_url }}/tra-cuu?code={{ code }}\n"
    "Mã thông báo: {{ message_id }}\n\n"
    "Bộ phận Một cửa — thư gửi tự động, vui lòng không trả lời thư này."
)
DUE = '{% if due_at %}{{ due_at|date:"d/m/Y H:i" }}{% endif %}'

# topic: (email subject, email body core, sms body)
TEMPLATES = {
    "dossier.submitted": (
        "Đã nhận hồ sơ nộp trực tuyến {{ code }}",
        "Hệ thống đã nhận hồ sơ {{ code }} — thủ tục “{{ procedure }}”. Bộ phận Một cửa sẽ kiểm tra "
        "và thông báo việc tiếp nhận hoặc yêu cầu bổ sung.",
        "Đã nhận hồ sơ {{ code }}. Bộ phận Một cửa sẽ kiểm tra và thông báo.",
    ),
    "dossier.accepted": (
        "Hồ sơ {{ code }} đã được tiếp nhận — hẹn trả kết quả " + DUE,
        "Hồ sơ {{ code }} — thủ tục “{{ procedure }}” đã được tiếp nhận.\n"
        "Ngày hẹn trả kết quả: " + DUE + ".",
        "Hồ sơ {{ code }} đã được tiếp nhận. Hẹn trả kết quả: " + DUE + ".",
    ),
    "dossier.refused": (
        "Hồ sơ {{ code }} không được tiếp nhận",
        "Hồ sơ {{ code }} — thủ tục “{{ procedure }}” không được tiếp nhận.\nLý do: {{ reason }}",
        "Hồ sơ {{ code }} không được tiếp nhận. Lý do: {{ reason }}",
    ),
    "dossier.supplement_requested": (
        "Yêu cầu bổ sung hồ sơ {{ code }}",
        "Hồ sơ {{ code }} — thủ tục “{{ procedure }}” cần bổ sung, hoàn thiện.\n"
        "{% if items %}Thành phần cần bổ sung:\n{% for item in items %}- {{ item }}\n{% endfor %}{% endif %}"
        "{% if reason %}Lý do: {{ reason }}{% endif %}",
        "Hồ sơ {{ code }} cần bổ sung: {{ items|join:', ' }}.",
    ),
    "dossier.resubmitted": (
        "Đã nhận hồ sơ bổ sung {{ code }}",
        "Hồ sơ {{ code }} đã được bổ sung và đang được xử lý tiếp. Ngày hẹn trả kết quả: " + DUE + ".",
        "Hồ sơ {{ code }} đã được bổ sung. Hẹn trả: " + DUE + ".",
    ),
    "dossier.obligation_requested": (
        "Thông báo nộp phí, lệ phí / nghĩa vụ tài chính — hồ sơ {{ code }}",
        "Hồ sơ {{ code }} — thủ tục “{{ procedure }}”: đề nghị ông/bà thực hiện nghĩa vụ tài chính"
        "{% if amount %} số tiền {{ amount }} đồng{% endif %}.{% if reason %}\nNội dung: {{ reason }}{% endif %}",
        "Hồ sơ {{ code }}: đề nghị nộp {{ amount }} đồng.",
    ),
    "dossier.paid": (
        "Đã ghi nhận thanh toán hồ sơ {{ code }}",
        "Hồ sơ {{ code }}: đã ghi nhận khoản thanh toán{% if amount %} {{ amount }} đồng{% endif %}. Xin cảm ơn.",
        "Hồ sơ {{ code }}: đã nhận thanh toán {{ amount }} đồng.",
    ),
    "dossier.result_ready": (
        "Hồ sơ {{ code }} đã có kết quả",
        "Hồ sơ {{ code }} — thủ tục “{{ procedure }}” đã có kết quả. Mời ông/bà đến Bộ phận Một cửa "
        "(mang theo giấy tiếp nhận hồ sơ) hoặc nhận theo hình thức đã đăng ký.",
        "Hồ sơ {{ code }} đã có kết quả. Mời ông/bà đến nhận.",
    ),
    "dossier.returned": (
        "Đã trả kết quả hồ sơ {{ code }}",
        "Kết quả hồ sơ {{ code }} — thủ tục “{{ procedure }}” đã được trao. Xin cảm ơn ông/bà đã sử dụng "
        "dịch vụ.",
        "Hồ sơ {{ code }} đã trả kết quả. Cảm ơn ông/bà.",
    ),
    "dossier.withdrawn": (
        "Hồ sơ {{ code }} đã được rút",
        "Theo đề nghị của ông/bà, hồ sơ {{ code }} — thủ tục “{{ procedure }}” đã được rút.",
        "Hồ sơ {{ code }} đã được rút theo đề nghị.",
    ),
    "dossier.stopped": (
        "Hồ sơ {{ code }} bị dừng xử lý",
        "Hồ sơ {{ code }} — thủ tục “{{ procedure }}” đã dừng xử lý.{% if reason %}\nLý do: {{ reason }}{% endif %}",
        "Hồ sơ {{ code }} đã dừng xử lý.",
    ),
    "dossier.apology": (
        "Xin lỗi vì hồ sơ {{ code }} chậm trả kết quả — hẹn lại ngày "
        '{% if promised_at %}{{ promised_at|date:"d/m/Y" }}{% endif %}',
        "Cơ quan giải quyết thành thật xin lỗi ông/bà vì hồ sơ {{ code }} — thủ tục “{{ procedure }}” "
        "không trả kết quả đúng hẹn ({{ due_at|date:'d/m/Y' }}).{% if reason %}\nLý do: {{ reason }}{% endif %}\n"
        'Ngày hẹn trả kết quả mới: {% if promised_at %}{{ promised_at|date:"d/m/Y H:i" }}{% endif %}.',
        'Xin lỗi: hồ sơ {{ code }} chậm hẹn. Hẹn lại: {{ promised_at|date:"d/m/Y" }}.',
    ),
}

DIGEST_SUBJECT = "Hồ sơ quá hạn và sắp đến hạn ngày {{ day|date:'d/m/Y' }}"
DIGEST_BODY = (
    "Kính gửi {{ name }},\n\n"
    "{% if overdue %}Hồ sơ đã quá hạn ({{ overdue|length }}):\n"
    "{% for d in overdue %}- {{ d.code }} — {{ d.procedure.name }} — hạn {{ d.due_at|date:'d/m/Y H:i' }}\n"
    "{% endfor %}\n{% endif %}"
    "{% if due_soon %}Hồ sơ đến hạn trong 1 ngày làm việc ({{ due_soon|length }}):\n"
    "{% for d in due_soon %}- {{ d.code }} — {{ d.procedure.name }} — hạn {{ d.due_at|date:'d/m/Y H:i' }}\n"
    "{% endfor %}\n{% endif %}"
    "Xem danh sách: {{ public_base_url }}/\n\n— Hệ thống Một cửa điện tử (thư gửi tự động)"
)


def seed(apps, schema_editor):
    Template = apps.get_model("notifications", "NotificationTemplate")
    for topic, (subject, body, sms) in TEMPLATES.items():
        Template.objects.get_or_create(topic=topic, channel="email", effective_from="2020-01-01",
                                       defaults={"subject": subject, "body": HEAD + body + FOOT})
        Template.objects.get_or_create(topic=topic, channel="sms", effective_from="2020-01-01",
                                       defaults={"subject": "", "body": sms})
    Template.objects.get_or_create(topic="digest.official", channel="email", effective_from="2020-01-01",
                                   defaults={"subject": DIGEST_SUBJECT, "body": DIGEST_BODY})


def unseed(apps, schema_editor):
    apps.get_model("notifications", "NotificationTemplate").objects.filter(effective_from="2020-01-01").delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
