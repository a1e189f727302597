"""Account forms, with GOV.UK error messages ("Enter your ...", "Select ...")."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)

from saferplan.accounts.models import PartnershipRole, Role

# One line for each role, shown as the radio hint on the invite page.
ROLE_HINTS: dict[str, str] = {
    Role.MANAGER: "Runs the partnership: edits plans, chases returns and invites people",
    Role.LEAD_OFFICER: "Submits quarterly returns for the actions their agency leads",
    Role.VIEWER: "Sees plans, returns and the dashboard, but cannot change anything",
    Role.SCRUTINY: "Reads published plans and reports, for example a councillor on scrutiny",
}

_EMAIL_MESSAGES = {
    "required": "Enter an email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
    "max_length": "Email address must be 254 characters or fewer",
}


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """``(field id, message)`` pairs for the GOV.UK error summary, in field order."""
    pairs = []
    for name, field in form.fields.items():
        anchor = form[name].id_for_label or f"id_{name}"
        if isinstance(field.widget, forms.RadioSelect):
            anchor = f"id_{name}_0"  # the first radio, as the GOV.UK pattern links to
        for message in form.errors.get(name, []):
            pairs.append((anchor, message))
    for message in form.non_field_errors():
        pairs.append(("", message))
    return pairs


class SignInForm(AuthenticationForm):
    """Django's sign-in form, taking an email address as well as a username.

    The address is turned into the username *before* authenticating, so
    django-axes counts failures against one name whichever way people type it.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address or username and password",
        "inactive": "Enter a correct email address or username and password",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your email address or username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        if "@" in value:
            usernames = list(
                get_user_model()
                .objects.filter(email__iexact=value)
                .values_list("username", flat=True)[:2]
            )
            if len(usernames) == 1:  # an address shared by two accounts decides nothing
                return usernames[0]
        return value


class CodeForm(forms.Form):
    """The 6-digit code from an authenticator app; spaces and dashes are ignored."""

    code = forms.CharField(
        max_length=20,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "max_length": "The code must be 6 digits",
        },
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("The code must be 6 digits", code="format")
        return code


class InvitationAcceptForm(SetPasswordMixin, forms.Form):
    """Name and a new password for the person accepting an invitation."""

    error_messages = {"password_mismatch": "The passwords do not match"}

    first_name = forms.CharField(
        max_length=150,
        error_messages={
            "required": "Enter your first name",
            "max_length": "First name must be 150 characters or fewer",
        },
    )
    last_name = forms.CharField(
        max_length=150,
        error_messages={
            "required": "Enter your last name",
            "max_length": "Last name must be 150 characters or fewer",
        },
    )
    password1 = forms.CharField(strip=False, error_messages={"required": "Enter a password"})
    password2 = forms.CharField(
        strip=False, error_messages={"required": "Enter the password again"}
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords("password1", "password2")
        # Validators compare the password with the person's name and address.
        user = get_user_model()(
            username=self.email,
            email=self.email,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        self.validate_password_for_user(user, "password1")
        return cleaned


class InviteForm(forms.Form):
    """Whom to invite to a partnership, in which role and for which agency."""

    email = forms.EmailField(error_messages=_EMAIL_MESSAGES)
    role = forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a role",
            "invalid_choice": "Select a role",
        },
    )
    agency = forms.ModelChoiceField(
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Select an agency from the list"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["agency"].queryset = partnership.agencies.order_by("name")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        already = PartnershipRole.objects.filter(
            partnership=self.partnership, user__email__iexact=email
        ).exists()
        if already:
            raise forms.ValidationError(
                f"{email} already has a role in {self.partnership.name}", code="member"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.LEAD_OFFICER and not cleaned.get("agency"):
            self.add_error("agency", "Select the agency the lead officer works for")
        return cleaned

    @property
    def role_options(self) -> list[tuple[str, str, str]]:
        """``(value, label, hint)`` for each radio."""
        return [(value, label, ROLE_HINTS[value]) for value, label in Role.choices]


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(max_length=254, error_messages=_EMAIL_MESSAGES)


class NewPasswordForm(SetPasswordForm):
    """Django's set-password form, with the checks reported on the first box."""

    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)
