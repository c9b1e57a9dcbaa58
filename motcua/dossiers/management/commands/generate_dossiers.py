"""`manage.py generate_dossiers --count N --years Y [--seed S] [--batch B]`: a realistic history."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from motcua.dossiers.generator.run import Generator, NothingToGenerate


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

    def handle(self, *args, count, years, seed, batch, workers, **options):
        if count < 1 or years < 1 or batch < 1:
            raise CommandError(_("--count, --years và --batch phải là số nguyên dương."))
        started = time.monotonic()
        try:
            generator = Generator(seed=seed, years=years)
            with tqdm(total=count, unit=_(" hồ sơ"), disable=options["verbosity"] < 1,
                      file=self.stderr) as bar:
                tally = generator.run(count, batch=batch, progress=bar, workers=workers or os.cpu_count() or 1)
        except NothingToGenerate as problem:
            raise CommandError(str(problem)) from None
        seconds = time.monotonic() - started
        write = self.stdout.write
        write(_("Đã sinh %(n)s hồ sơ (%(first)s – %(last)s) trong %(s).1f giây: %(rate)s hồ sơ/giây.") % {
            "n": f"{tally.n:,}", "first": generator.first.strftime("%d/%m/%Y"),
            "last": generator.end.strftime("%d/%m/%Y"), "s": seconds, "rate": f"{tally.n / seconds:,.0f}"})
        for line in tally.lines():
            write(line)
