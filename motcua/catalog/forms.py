"""The public search form: every field optional, a bad value just drops that filter."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.directory.models import Agency

from .formatting import level_label
from .models import Procedure, Sector


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khóa"), required=False, max_length=200,
        widget=forms.TextInput(attrs={
            "type": "search", "autocomplete": "off",
            "placeholder": _("Ví dụ: cấp phép xây dựng, đất đai, khai sinh"),
        }),
    )
    sector = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    agency = forms.ChoiceField(label=_("Cơ quan"), required=False)
    level = forms.TypedChoiceField(label=_("Mức độ trực tuyến"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        active = Procedure.objects.active()
        self.fields["sector"].choices = everything + list(
            Sector.objects.filter(procedures__in=active).distinct().order_by("name").values_list("code", "name")
        )
        self.fields["agency"].choices = everything + list(
            Agency.objects.active_on(timezone.localdate())
            .filter(procedures__in=active).distinct().order_by("name").values_list("code", "name")
        )
        self.fields["level"].choices = everything + [(n, level_label(n)) for n in range(1, 5)]

    def filters(self) -> dict:
        """The valid filters only: a stale link with a removed sector still shows results."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "sector": data.get("sector") or None,
            "agency": data.get("agency") or None,
            "level": data.get("level"),
        }
