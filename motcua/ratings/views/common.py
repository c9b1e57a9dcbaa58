"""What the ratings pages share: who may enter, the questions, the reasons offered."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.net import client_ip
from motcua.core.ratelimit import hit
from motcua.directory.permissions import principal_for
from motcua.dossiers.views.common import Office, is_official, office_render, refused

from .. import conf, services
from ..models import Level, Reason, Stage

QUESTIONS = {
    Stage.RECEPTION: gettext_lazy("Ông/Bà đánh giá như thế nào về thái độ công chức khi hướng dẫn và tiếp nhận "
                                  "hồ sơ?"),
    Stage.RETURN: gettext_lazy("Ông/Bà đánh giá như thế nào về thái độ công chức khi trả kết quả giải quyết "
                               "hồ sơ?"),
}
NOT_FOUND = gettext_lazy("Không tìm thấy trang này, hoặc nội dung không thuộc phạm vi của bạn.")


def official_area(view):
    """Officials only; anyone else (a citizen's account) gets 404, and so does anything out of scope."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_official(request.user):
            return refused(request, 404, str(NOT_FOUND))
        request.office = Office(request.user)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return refused(request, 404, str(NOT_FOUND))

    return wrapper


def rating_context(stage: str) -> dict:
    return {"question": QUESTIONS[stage], "levels": Level.choices,
            "reasons": list(Reason.objects.filter(is_active=True))}


def reasons_from(post) -> list[str]:
    return [code for code in post.getlist("reasons") if code][:20]


def too_many() -> str:
    return _("Ông/Bà thao tác quá nhanh. Xin vui lòng thử lại sau ít phút.")


def may_pair(user) -> bool:
    """Who pairs tablets with counters: the administrators of a desk's agency, and the province's."""
    return services.manageable_counters(user).exists() or principal_for(user).reads_everything


def ratings_render(request, template: str, context: dict | None = None, status: int = 200):
    """office_render, plus what the ratings tabs need to know."""
    return office_render(request, template, {"may_pair": may_pair(request.user), **(context or {})}, status=status)


def client_allowed(request) -> bool:
    """One more rating request from this client address this minute; False past the limit (page and API)."""
    return hit(f"ratings:ip:{client_ip(request)}", conf.ip_rate_per_minute(), 60)
