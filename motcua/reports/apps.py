from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    verbose_name = _("Thống kê, báo cáo")

    def ready(self):
        from motcua.dossiers.signals import event_recorded

        from .maintain import on_event_recorded

        # Inside every dossier action's transaction: the aggregates commit (or roll back) with it.
        event_recorded.connect(on_event_recorded, dispatch_uid="reports.aggregates")
