from allauth.socialaccount.signals import social_account_updated
from django.dispatch import receiver

from . import services, vneid


@receiver(social_account_updated)
def refresh_vneid_identity(sender, request, sociallogin, **kwargs):
    """A returning VNeID citizen: what VNeID says today (name, number, phone) replaces what we had."""
    if sociallogin.account.provider == vneid.PROVIDER_ID and sociallogin.user.pk:
        services.record_vneid_identity(sociallogin.user, vneid.identity_from_claims(vneid.claims_of(sociallogin)))
