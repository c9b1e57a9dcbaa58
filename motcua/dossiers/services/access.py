from motcua.core.text import nfc

from ..models import PersonalDataAccess


def log_personal_data_access(dossier, official, *, what: str, channel: str = "web", client_address=None):
    """One row per view of a dossier's personal data by an official (Luật Bảo vệ dữ liệu cá nhân 2025)."""
    return PersonalDataAccess.objects.create(
        dossier=dossier, actor=official, action="view_personal_data", note=nfc(what), channel=channel,
        client_address=client_address,
    )
