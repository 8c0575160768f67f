from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from samen.accounts.models import Person
from samen.core.forms import Form, ModelForm


class AcceptInvitationForm(Form):
    full_name = forms.CharField(label=_("Uw naam"), max_length=200)
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens, niet alleen cijfers en niet te gewoon."),
    )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class ProfileForm(ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "job_title", "language"]
