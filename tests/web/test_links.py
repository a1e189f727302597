"""Every link a reader is shown opens for that reader: the demo site walked as each demo
account (and anonymously), following the links of each page it reaches."""

from __future__ import annotations

import io
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

_HREF = re.compile(r'href="([^"#]*)')
# Not pages: assets, the admin (its own sign-in) and signing out (a confirmation form).
_SKIP = ("/static/", "/admin/", "/account/sign-out/")
PER_KIND = 2  # pages whose paths differ only in their numbers are the same kind of page


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(client) -> tuple[int, list[tuple[int, str, str]]]:
    """Follow every internal link from the home page, at most ``PER_KIND`` of each kind.
    Returns the pages reached and the links that failed (status, link, page shown on)."""
    queue, linked_from, kinds, failed = ["/"], {"/": "(start)"}, Counter(), []
    seen: set[str] = set()
    while queue:
        path = queue.pop(0)
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 400:
            failed.append((response.status_code, path, linked_from[path]))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in _HREF.findall(response.content.decode()):
            link = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            if link.netloc or link.scheme not in ("", "http") or link.path.startswith(_SKIP):
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            if target in linked_from or kinds[_kind(link.path)] >= PER_KIND:
                continue
            kinds[_kind(link.path)] += 1
            linked_from[target] = path
            queue.append(target)
    return len(seen), failed


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("SAFERPLAN_DEMO_PASSWORD", "a demo password 123")
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize(
    "username",
    ["manager", "police.officer", "council.officer", "viewer", "councillor", "outsider", None],
)
def test_every_link_shown_opens_for_its_reader(demo, verified_client, username):
    user = None
    if username == "outsider":  # signed in, but in no partnership
        user = get_user_model().objects.create_user("outsider", password="x" * 20)
    elif username:
        user = get_user_model().objects.get(username=username)
    pages, failed = walk(verified_client(user))
    assert pages > 20  # the walk reached the site, not only a sign-in page
    assert failed == []
