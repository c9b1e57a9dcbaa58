from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage


class CitizenEmailVerificationStage(EmailVerificationStage):
    """Mandatory email verification for every local account that has an email address.

    ACCOUNT_EMAIL_VERIFICATION is "optional" only because allauth ties "mandatory" to a required email
    field, and a citizen may sign up with a mobile number alone (verified by SMS in the stage before
    this one). Here an account with an address, or an enumeration-hiding sign-up with an address,
    is held until the address is verified. VNeID sign-ins carry "none" and pass.
    """

    def handle(self):
        login = self.login
        if login.email_verification == EmailVerificationMethod.OPTIONAL:
            if login.user is None:
                has_address = bool(login.email)
            else:
                has_address = EmailAddress.objects.filter(user=login.user).exists()
            if has_address:
                login.email_verification = EmailVerificationMethod.MANDATORY
        return super().handle()
