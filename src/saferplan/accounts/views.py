"""Signing in and out, two-factor codes, password reset and invitations."""

from django.http import HttpResponse


def two_factor(request):  # replaced by the accounts UI
    return HttpResponse("Two-factor set-up")
