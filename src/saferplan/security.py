"""A small rate limiter on the cache, for the pages that invite guessing.

django-axes already locks an account after repeated failed sign-ins; this
adds per-address limits on the sign-in, password-reset, invitation and
secure-link pages (the API has DRF throttles built on the same cache).

Each rule is ``(name, methods, path prefix, requests, seconds)``: more than
``requests`` matching requests from one address within ``seconds`` get a 429
page until the window ends.  Rules come from ``SAFERPLAN_RATE_LIMITS``; a view
can also be wrapped with ``@rate_limited(...)``.

The counts live in Django's cache: with several gunicorn workers use a shared
cache (``CACHE_URL=dbcache://saferplan_cache`` or Redis), or each worker
counts on its own.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class Rule(NamedTuple):
    name: str
    methods: frozenset[str]
    prefix: str
    requests: int
    seconds: int


ANY = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
DEFAULT_RULES: tuple[Rule, ...] = (
    # Generous: a council office may sign in from one address.  Axes locks per account.
    Rule("sign-in", frozenset({"POST"}), "/account/sign-in/", 60, 600),
    Rule("password-reset", frozenset({"POST"}), "/account/password-reset/", 10, 900),
    Rule("invitation", ANY, "/account/invitation/", 60, 900),
    Rule("secure-link", ANY, "/returns/link/", 120, 900),
)


def rules() -> tuple[Rule, ...]:
    configured = getattr(settings, "SAFERPLAN_RATE_LIMITS", None)
    if configured is None:
        return DEFAULT_RULES
    return tuple(Rule(n, frozenset(m), p, r, s) for n, m, p, r, s in configured)


def client_address(request: HttpRequest) -> str:
    """The caller's address; behind ``SAFERPLAN_PROXY_COUNT`` proxies, from X-Forwarded-For."""
    proxies = getattr(settings, "SAFERPLAN_PROXY_COUNT", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(name: str, who: str, requests: int, seconds: int) -> int | None:
    """Count one request; the seconds to wait if it is over the limit, else None."""
    window = int(time.time() // seconds)
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]  # no raw addresses in cache keys
    key = f"saferplan:rl:{name}:{window}:{digest}"
    if cache.add(key, 1, timeout=seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds + 1)
            count = 1
    if count <= requests:
        return None
    return max(1, seconds - int(time.time()) % seconds)


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    body = render_to_string("security/429.html", {"retry_after": retry_after}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _matching(request: HttpRequest, candidates: Iterable[Rule]) -> list[Rule]:
    return [
        rule
        for rule in candidates
        if request.method in rule.methods and request.path.startswith(rule.prefix)
    ]


class RateLimitMiddleware:
    """Applies ``rules()`` to every request, before sessions or the database are touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for rule in _matching(request, rules()):
            wait = hit(rule.name, client_address(request), rule.requests, rule.seconds)
            if wait is not None:
                return too_many(request, wait)
        return self.get_response(request)


def rate_limited(name: str, requests: int, seconds: int, methods: Iterable[str] = ("POST",)):
    """Decorator for one view: the same limit as a rule, keyed by the caller's address."""
    methods = frozenset(methods)

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method in methods:
                wait = hit(name, client_address(request), requests, seconds)
                if wait is not None:
                    return too_many(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class RequestSizeMiddleware:
    """Refuses a request body larger than the page could ever accept (413), before Django
    reads it to disk.  The upload forms check size and type themselves; this is the
    backstop.  ``SAFERPLAN_LARGE_UPLOADS`` names path prefixes allowed more (the
    assessment's police.uk archives)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes(request.path):
            return HttpResponse(
                "The file is too large.", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


def max_request_bytes(path: str) -> int:
    # A little room above the file itself for the form's other fields and multipart framing.
    limit = settings.SAFERPLAN_MAX_UPLOAD_BYTES + 1024 * 1024
    for prefix, allowed in getattr(settings, "SAFERPLAN_LARGE_UPLOADS", {}).items():
        if path.startswith(prefix):
            limit = max(limit, allowed)
    return limit


# Tokens that travel in paths or headers: invitations, password resets, secure links, API.
_SECRET_PATTERNS = (
    (re.compile(r"(/account/invitation/)[^/\s\"']+"), r"\1[redacted]"),
    (
        re.compile(r"(/account/password-reset/)(?!sent/|complete/)[^/\s\"']+/[^/\s\"']+"),
        r"\1[redacted]",
    ),
    (re.compile(r"(/returns/link/)[^/\s\"']+"), r"\1[redacted]"),
    (re.compile(r"\bsp_[A-Za-z0-9_\-]{8,}"), "sp_[redacted]"),
    (re.compile(r"(?i)(bearer\s+)\S+"), r"\1[redacted]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """A logging filter that takes tokens out of every message before it is written.

    Django logs the path of each 4xx/5xx answer ("Not Found: /account/invitation/...");
    an invitation or reset link in a log file would let its reader use it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
