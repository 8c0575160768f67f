from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samen.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from samen.accounts.receivers import partner_left as accounts_partner_left
        from samen.collaborations.signals import partner_left

        partner_left.connect(accounts_partner_left, dispatch_uid="accounts.partner_left")

        from allauth.account.signals import user_logged_in

        from samen.accounts.oidc import logged_in

        user_logged_in.connect(logged_in, dispatch_uid="accounts.oidc_logged_in")
