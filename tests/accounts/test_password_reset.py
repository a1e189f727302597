"""Password reset by e-mail: Django's views with GOV.UK pages."""

import re

from django.core import mail

RESET = "/account/password-reset/"


def test_it_emails_a_link_that_sets_a_new_password(client, viewer, settings, password):
    settings.SAFERPLAN_BASE_URL = "https://saferplan.example.gov.uk/"

    response = client.post(RESET, {"email": "CAROL@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carol@example.org"]
    assert message.subject == "Reset your SaferPlan password"
    link = re.search(
        r"https://saferplan\.example\.gov\.uk(/account/password-reset/\S+/)", message.body
    )
    assert link, message.body

    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a much longer new secret 42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert done["Location"] == "/account/password-reset/complete/"
    viewer.refresh_from_db()
    assert viewer.check_password(new_password)
    assert not viewer.check_password(password)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, viewer):
    known = client.post(RESET, {"email": "carol@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert len(mail.outbox) == 1


def test_a_badly_formed_address_is_a_gov_uk_error(client, db):
    html = client.post(RESET, {"email": "not an address"}).content.decode()

    assert "Enter an email address in the correct format, like name@example.com" in html
    assert 'href="#id_email"' in html


def test_a_weak_or_mismatched_new_password_is_refused(client, viewer):
    client.post(RESET, {"email": "carol@example.org"})
    path = re.search(r"(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]

    short = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    html = short.content.decode()
    assert 'href="#id_new_password1"' in html
    assert "too short" in html

    mismatch = client.post(
        form_url, {"new_password1": "a long enough password 1", "new_password2": "different one 2"}
    )
    assert "The passwords do not match" in mismatch.content.decode()


def test_a_used_or_forged_link_says_it_does_not_work(client, viewer):
    response = client.get("/account/password-reset/Mg/set-password-forged/", follow=True)

    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()
