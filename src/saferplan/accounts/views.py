"""Signing in and out, two-factor codes, password reset, invitations and "Your account".

Sign-in and password reset are Django's own views with GOV.UK templates; the
rest are small function views that parse input, call one service and render.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferplan.accounts import otp, services
from saferplan.accounts.forms import (
    CodeForm,
    InvitationAcceptForm,
    InviteForm,
    NewPasswordForm,
    ResetRequestForm,
    SignInForm,
    error_list,
)
from saferplan.accounts.middleware import needs_second_factor
from saferplan.accounts.models import Invitation, PartnershipRole, Profile
from saferplan.accounts.permissions import can
from saferplan.partnerships.models import Partnership

# A user made or found by an invitation has not gone through authenticate().
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request: HttpRequest) -> str:
    """The ``next`` address if it stays on this site, else ``""``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _to_two_factor(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:two_factor')}?{query}")


class _GovukFormMixin:
    """Puts the GOV.UK error summary pairs into the context of Django's auth views."""

    error_anchor = ""  # where a non-field error (for example a failed sign-in) links to

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        errors = error_list(form) if form is not None and form.is_bound else []
        context["errors"] = [(anchor or self.error_anchor, text) for anchor, text in errors]
        # LoginView puts the request's host name here; the pages want the product's.
        context["site_name"] = settings.SAFERPLAN_SITE_NAME
        return context


class SignInView(_GovukFormMixin, auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    error_anchor = "id_username"


@never_cache
def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm; only POST signs out (a link cannot sign anyone out)."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out")
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "accounts/sign_out.html")


class ResetView(_GovukFormMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:
        # Links are built from the configured address, never from the Host header.
        return {
            "base_url": settings.SAFERPLAN_BASE_URL.rstrip("/"),
            "site_name": settings.SAFERPLAN_SITE_NAME,
        }


class ResetConfirmView(_GovukFormMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, or enter its code, then carry on to ``next``."""
    user = request.user
    next_url = _safe_next(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    setting_up = device is None
    if not setting_up and user.is_verified():
        return redirect(next_url or "accounts:profile")
    if setting_up:
        # Reuse the unconfirmed device on reload so the QR code already scanned still works.
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)

    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code", "You have entered too many wrong codes. Wait a minute, then try again"
            )
        elif device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                messages.success(request, "Two-factor authentication is set up")
            request.session.cycle_key()  # more rights now: new session id
            otp_login(request, device)
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        else:
            form.add_error(
                "code", "The code is not correct. Enter the latest code from your authenticator app"
            )

    context = {
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "setting_up": setting_up,
        "next": next_url,
    }
    if setting_up:
        context["key"] = otp.group_key(otp.base32_key(device.bin_key))
        # segno writes the SVG; its only text is the title, which it escapes.
        context["qr_code"] = mark_safe(  # noqa: S308
            otp.qr_svg(
                device.config_url, title="QR code to add SaferPlan to your authenticator app"
            )
        )
    return render(request, "accounts/two_factor.html", context)


@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Join a partnership from an e-mailed link: set a name and password, or sign in."""
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"message": str(error)}, status=404
        )
    existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        return _accept_as_existing_user(request, invitation, existing)

    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if form.is_bound and form.is_valid():
        try:
            user = services.accept(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:  # the service checks the password again
            form.add_error("password1", error)
        else:
            login(request, user, backend=_MODEL_BACKEND)
            return _joined(request, invitation)
    context = {
        "invitation": invitation,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
    }
    return render(request, "accounts/invitation_accept.html", context)


def _accept_as_existing_user(request: HttpRequest, invitation: Invitation, user) -> HttpResponse:
    """The address already has an account: its owner must sign in, then accept.

    The invitation never sets or bypasses the password of an existing account.
    """
    signed_in_as_invitee = request.user.is_authenticated and request.user.pk == user.pk
    if signed_in_as_invitee and request.method == "POST":
        services.accept(invitation, first_name="", last_name="", password="")
        return _joined(request, invitation)
    sign_in_url = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
    context = {
        "invitation": invitation,
        "signed_in_as_invitee": signed_in_as_invitee,
        "sign_in_url": sign_in_url,
    }
    return render(request, "accounts/invitation_existing.html", context)


def _joined(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request,
        f"You have joined {invitation.partnership.name} as {invitation.get_role_display().lower()}",
    )
    return redirect(settings.LOGIN_REDIRECT_URL)


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite someone to a partnership; managers only, and only with a second factor."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if not can(request.user, "invite_users", partnership):
        raise Http404("No such page")
    # /account/ is open to unverified managers (to reach the two-factor page): check here.
    if needs_second_factor(request.user):
        return _to_two_factor(request)

    form = InviteForm(request.POST if request.method == "POST" else None, partnership=partnership)
    if form.is_bound and form.is_valid():
        invitation, _token = services.invite(
            partnership=partnership,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            agency=form.cleaned_data["agency"],
            invited_by=request.user,
        )
        messages.success(request, f"Invitation sent to {invitation.email}")
        return redirect("accounts:invite", slug=partnership.slug)

    invitations = list(
        partnership.invitations.select_related("agency", "invited_by").order_by("-created_at")[:200]
    )
    context = {
        "partnership": partnership,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "invitations": invitations,
        "now": timezone.now(),
        "breadcrumbs": [
            ("Home", reverse("core:home")),
            ("Partnerships", reverse("partnerships:list")),
            (partnership.name, partnership.get_absolute_url()),
        ],
    }
    return render(request, "accounts/invite.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Your account: who you are, your agency, your roles, your second factor."""
    user = request.user
    roles = list(
        PartnershipRole.objects.filter(user=user)
        .select_related("partnership")
        .order_by("partnership__name")
    )
    context = {
        "profile": Profile.objects.filter(user=user).select_related("agency").first(),
        "roles": [(role, can(user, "invite_users", role.partnership)) for role in roles],
        "has_two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "needs_two_factor": needs_second_factor(user),
    }
    return render(request, "accounts/profile.html", context)
