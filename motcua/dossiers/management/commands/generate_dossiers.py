"""`manage.py generate_dossiers --count N --years Y [--seed S] [--batch B]`: a realistic history.

After the load, the report aggregates are rebuilt (`motcua.reports.aggregates.rebuild`, when
that app is installed): the bulk writer bypasses the services that keep them up to date.
"""

import os
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from motcua.dossiers.generator import indexes
from motcua.dossiers.generator.run import Generator, NothingToGenerate
from motcua.dossiers.generator.writer import written_models


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Sinh lịch sử hồ sơ giống thật (trạng thái, bổ sung, liên thông, sớm / đúng / trễ hạn, nộp trực "
            "tuyến, trước và sau ngày 1/7/2025) từ thủ tục, cơ quan, bộ phận một cửa và cán bộ có trong cơ sở dữ "
            "liệu. Ghi hàng loạt, đúng từng dòng như các chức năng nghiệp vụ sẽ ghi; cùng --seed cho cùng lịch sử."
        )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help=_("Số hồ sơ (mặc định 1000)."))
        parser.add_argument("--years", type=int, default=3,
                            help=_("Số năm lịch sử, kết thúc hôm nay (mặc định 3)."))
        parser.add_argument("--seed", type=int, default=1, help=_("Hạt giống ngẫu nhiên (mặc định 1)."))
        parser.add_argument("--batch", type=int, default=5000,
                            help=_("Số hồ sơ ghi trong một giao dịch (mặc định 5000)."))
        parser.add_argument("--workers", type=int, default=0,
                            help=_("Số tiến trình song song trên PostgreSQL (mặc định: số lõi CPU; SQLite luôn 1)."))
        parser.add_argument("--keep-indexes", action="store_true",
                            help=_("Không tạm bỏ chỉ mục khi sinh khối lượng lớn trên PostgreSQL (mặc định: bỏ rồi "
                                   "tạo lại khi số hồ sơ sinh từ 100.000 trở lên và không ít hơn số đã có)."))
        parser.add_argument("--restore-indexes", action="store_true",
                            help=_("Chỉ tạo lại các chỉ mục còn thiếu (sau một lần sinh bị ngắt giữa chừng) rồi dừng."))
        parser.add_argument("--no-aggregates", action="store_true",
                            help=_("Không tính lại số liệu tổng hợp báo cáo sau khi sinh."))

    def handle(self, *args, count, years, seed, batch, workers, keep_indexes, restore_indexes, no_aggregates,
               **options):
        write = self.stdout.write
        if restore_indexes:
            self.restore(write)
            return
        if count < 1 or years < 1 or batch < 1:
            raise CommandError(_("--count, --years và --batch phải là số nguyên dương."))
        started = time.monotonic()
        try:
            generator = Generator(seed=seed, years=years)
            # In a log file, a progress line every half minute rather than a redrawn bar.
            quiet = not self.stderr.isatty()
            with tqdm(total=count, unit=_(" hồ sơ"), disable=options["verbosity"] < 1, file=self.stderr,
                      mininterval=30 if quiet else 0.1, ascii=quiet) as bar:
                tally = generator.run(count, batch=batch, progress=bar, workers=workers or os.cpu_count() or 1,
                                      drop_indexes=False if keep_indexes else None, say=write)
        except NothingToGenerate as problem:
            raise CommandError(str(problem)) from None
        seconds = time.monotonic() - started
        load = seconds - generator.index_seconds
        write(_("Đã sinh %(n)s hồ sơ (%(first)s – %(last)s) trong %(s).1f giây: %(rate)s hồ sơ/giây.") % {
            "n": f"{tally.n:,}", "first": generator.first.strftime("%d/%m/%Y"),
            "last": generator.end.strftime("%d/%m/%Y"), "s": seconds, "rate": f"{tally.n / seconds:,.0f}"})
        if generator.index_seconds:
            write(_("Trong đó: ghi %(load).1f giây (%(rate)s hồ sơ/giây), tạo lại chỉ mục %(s).1f giây.") % {
                "load": load, "rate": f"{tally.n / load:,.0f}", "s": generator.index_seconds})
        for line in tally.lines():
            write(line)
        if not no_aggregates:
            self.aggregates(write)

    def restore(self, write):
        if not indexes.usable():
            raise CommandError(_("Chỉ dùng được trên PostgreSQL, khi không còn migration nào chưa chạy."))
        started = time.monotonic()
        built = indexes.restore(written_models(), say=write)
        write(_("Đã tạo lại %(n)d chỉ mục trong %(s).1f giây.") % {"n": len(built), "s": time.monotonic() - started})

    def aggregates(self, write):
        if not apps.is_installed("motcua.reports"):
            return
        # Below dossiers in the apps' order: reached only when installed.
        from motcua.reports.aggregates import rebuild

        started = time.monotonic()
        counts = rebuild()
        write(_("Đã tính lại số liệu tổng hợp báo cáo trong %(s).1f giây (%(facts)s hồ sơ).") % {
            "s": time.monotonic() - started, "facts": f"{counts.get('facts', 0):,}"})
