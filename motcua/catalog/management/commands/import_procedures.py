import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from motcua.catalog import importing, services

HELP = (
    "Nhập danh mục thủ tục hành chính từ tệp CSV (UTF-8, có hoặc không có BOM) hoặc XLSX, "
    "mỗi dòng một thủ tục; thủ tục đã có (cùng mã) được cập nhật. Mặc định: có lỗi ở bất kỳ dòng "
    "nào thì không ghi gì và thoát với mã lỗi; --partial để vẫn nhập các dòng đúng. "
    "Mẫu: motcua/catalog/samples/procedures_sample.csv. Các cột (tên tiếng Anh hoặc tiêu đề tiếng Việt): "
    + "; ".join(f"{key} ({label})" for key, label in importing.COLUMNS.items())
    + ". Phí: Tên=số tiền, cách nhau bởi “;”. Thành phần hồ sơ: "
    "Tên|bản chính|bản sao chứng thực|bản sao|x nếu bắt buộc, cách nhau bởi “;”. "
    "Cơ quan: các mã QCVN 102 cách nhau bởi “;”, phải có sẵn trong danh mục cơ quan. "
    "Đơn vị: “ngày làm việc” (mặc định) hoặc “ngày”. obligation_counts để trống là có; rating_pilot để trống "
    "là không. Mức độ 1–4 áp dụng từ ngày nhập. Lĩnh vực chưa có được tạo khi có sector_name."
)


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("Tệp .csv hoặc .xlsx"))
        parser.add_argument("--partial", action="store_true", help=_("Nhập các dòng đúng, bỏ qua các dòng lỗi."))
        parser.add_argument("--errors", type=Path, metavar="FILE", help=_("Ghi báo cáo lỗi ra tệp CSV này."))
        parser.add_argument("--user", help=_("Tên đăng nhập của người nhập, ghi vào nhật ký."))
        parser.add_argument("--no-progress", action="store_true", help=_("Không hiện thanh tiến độ."))

    def handle(self, *args, file: Path, partial: bool, errors: Path | None, user: str | None, **options):
        actor = self._actor(user)
        if not file.exists():
            raise CommandError(_("Không tìm thấy tệp %(file)s.") % {"file": file})
        show = not options["no_progress"] and options.get("verbosity", 1) > 0

        def progress(label):
            # disable=None lets tqdm stay quiet when stderr is not a terminal (cron, CI logs).
            return lambda items: tqdm(
                items, desc=label, unit=_("dòng"), disable=None if show else True, file=self.stderr._out
            )

        try:
            records = importing.read_file(file)
        except importing.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        rows, problems = importing.check_records(records, progress=progress(_("Kiểm tra")))
        if problems:
            self._report(problems, errors)
        if problems and not partial:
            raise CommandError(
                _("Có %(n)s lỗi ở %(rows)s dòng; chưa ghi thủ tục nào. Sửa tệp rồi nhập lại, hoặc dùng --partial.")
                % {"n": len(problems), "rows": len({p.line for p in problems})}
            )
        result = services.import_procedures(rows, actor=actor, source=file.name, progress=progress(_("Ghi")))
        counts = {
            "total": len(result.created) + len(result.updated),
            "created": len(result.created),
            "updated": len(result.updated),
            "skipped": len({p.line for p in problems}),
        }
        if problems:
            message = _("Đã nhập %(total)s thủ tục: %(created)s mới, %(updated)s cập nhật; bỏ qua %(skipped)s dòng lỗi.")
        else:
            message = _("Đã nhập %(total)s thủ tục: %(created)s mới, %(updated)s cập nhật.")
        self.stdout.write(message % counts)

    def _actor(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không có người dùng %(user)s.") % {"user": username})
        return user

    def _report(self, problems, path: Path | None) -> None:
        for p in problems:
            column = f"{p.column} ({importing.COLUMNS[p.column]})" if p.column in importing.COLUMNS else p.column
            self.stderr.write(_("Dòng %(line)s, cột %(column)s: %(message)s") % {
                "line": p.line, "column": column, "message": p.message,
            })
        if path:
            # BOM so that Excel opens the Vietnamese text as UTF-8.
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow([_("Dòng"), _("Cột"), _("Lỗi")])
                writer.writerows((p.line, p.column, p.message) for p in problems)
            self.stderr.write(_("Báo cáo lỗi đã ghi vào %(file)s.") % {"file": path})
