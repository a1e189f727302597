"""Two-factor authentication with an authenticator app (TOTP), and the manager gate."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

TWO_FACTOR = "/account/two-factor/"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


@pytest.fixture(autouse=True)
def _no_throttle_delay(settings):
    # django-otp makes you wait 1, 2, 4 ... seconds after each wrong code; the
    # tests that need the wait set it back.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_signing_in_is_needed(client, db):
    response = client.get(TWO_FACTOR)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=")


def test_set_up_shows_a_qr_code_and_the_key_in_groups(client, manager):
    client.force_login(manager)

    response = client.get(TWO_FACTOR)

    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=manager)
    assert not device.confirmed
    assert '<svg role="img"' in html
    assert "<title>QR code to add SaferPlan to your authenticator app</title>" in html
    key = response.context["key"]
    assert len(key.split(" ")[0]) == 4
    assert key in html
    assert 'autocomplete="one-time-code"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_reloading_set_up_keeps_the_same_key(client, manager):
    client.force_login(manager)

    first = client.get(TWO_FACTOR).context["key"]
    second = client.get(TWO_FACTOR).context["key"]

    assert first == second
    assert TOTPDevice.objects.filter(user=manager).count() == 1


def test_a_correct_code_confirms_the_device_and_verifies_the_session(client, manager):
    client.force_login(manager)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=manager)

    response = client.post(TWO_FACTOR, {"code": code_for(device), "next": "/search/?q=patrol"})

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=patrol"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/search/?q=patrol").status_code == 200


def test_a_code_typed_with_spaces_is_accepted(client, manager):
    client.force_login(manager)
    client.get(TWO_FACTOR)
    code = code_for(TOTPDevice.objects.get(user=manager))

    response = client.post(TWO_FACTOR, {"code": f" {code[:3]} {code[3:]} "})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_code_is_a_gov_uk_error(client, manager):
    client.force_login(manager)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=manager)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(TWO_FACTOR, {"code": wrong})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_code">The code is not correct.' in html
    device.refresh_from_db()
    assert not device.confirmed


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter the 6-digit code"),
        ("12345", "The code must be 6 digits"),
        ("abcdef", "6 digits"),
    ],
)
def test_a_missing_or_malformed_code_is_explained(client, manager, code, message):
    client.force_login(manager)

    html = client.post(TWO_FACTOR, {"code": code}).content.decode()

    assert message in html


def test_repeated_wrong_codes_make_you_wait(client, manager, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    client.force_login(manager)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=manager)
    client.post(TWO_FACTOR, {"code": "000000" if code_for(device) != "000000" else "111111"})

    response = client.post(TWO_FACTOR, {"code": code_for(device)})

    assert "too many wrong codes" in response.content.decode()


def test_with_a_device_only_the_code_is_asked_for(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="Phone", confirmed=True)
    client.force_login(manager)

    response = client.get(TWO_FACTOR)

    assert "Enter your security code" in response.content.decode()
    assert "<svg" not in response.content.decode()
    assert client.post(TWO_FACTOR, {"code": code_for(device)}).status_code == 302


def test_a_next_address_on_another_site_is_ignored(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="Phone", confirmed=True)
    client.force_login(manager)

    response = client.post(TWO_FACTOR, {"code": code_for(device), "next": "//evil.example/"})

    assert response["Location"] == "/"


def test_a_manager_is_sent_to_two_factor_then_gets_through(client, manager, password):
    client.post("/account/sign-in/", {"username": "alice", "password": password})

    blocked = client.get("/")
    assert blocked.status_code == 302
    assert blocked["Location"] == "/account/two-factor/?next=%2F"

    client.get(blocked["Location"])
    device = TOTPDevice.objects.get(user=manager)
    through = client.post(TWO_FACTOR, {"code": code_for(device), "next": "/"})
    assert through["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_superuser_is_sent_to_two_factor_too(client, make_user):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))

    assert client.get("/")["Location"].startswith(TWO_FACTOR)


def test_a_lead_officer_is_not_sent_to_two_factor(client, lead_officer, password):
    client.post("/account/sign-in/", {"username": "bob", "password": password})

    assert client.get("/").status_code == 200


def test_a_verified_manager_is_not_asked_again(verified_client, manager):
    client = verified_client(manager)

    assert client.get("/").status_code == 200
    response = client.get(TWO_FACTOR + "?next=/search/")
    assert response.status_code == 302
    assert response["Location"] == "/search/"
