"""Import a plan document: upload, preview what was read, confirm.

The upload is kept between the two steps as a file under
``MEDIA_ROOT/import-staging/`` named by a random token; the page carries the
token signed (with the uploader's id and the file name), so nobody can point
the confirm step at another file or at someone else's upload, and nothing
depends on the session.  Confirming reads the file again (parsing is
deterministic) and calls the one import service.
"""

from __future__ import annotations

import secrets
import time
from functools import wraps
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from saferplan.accounts.permissions import can, manages_any
from saferplan.importing import services
from saferplan.importing.document import ParsedPlan, PlanImportError
from saferplan.importing.forms import ACCEPTED_EXTENSIONS, ConfirmForm, UploadForm, error_list
from saferplan.indicators.checks import check_parsed_targets
from saferplan.plans.models import Plan

_SALT = "saferplan.importing.staged"
STAGED_MAX_AGE = 2 * 60 * 60  # seconds a preview stays confirmable
_STALE_AFTER = 24 * 60 * 60  # staged files older than this are removed


def manager_required(view):
    """Managers of some partnership (and administrators) only; anyone else signed in
    gets a 404.  Which partnership they may import into is checked on confirming."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not manages_any(request.user):
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return wrapper


def _refusal(user, partnership_name: str) -> str | None:
    """Why ``user`` may not import into the named partnership, or None if they may."""
    partnership = services.find_partnership(partnership_name) if partnership_name else None
    if partnership is None:
        if user.is_superuser:
            return None
        return "Only an administrator can add a new partnership: check the partnership name"
    if not can(user, "import_plan", partnership):
        return f"You can only import plans for partnerships you manage, not {partnership.name}"
    return None


def _staging_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "import-staging"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stage(data: bytes, filename: str, user_id: int) -> str:
    """Keep the upload until confirmed; return the signed reference to it."""
    directory = _staging_dir()
    cutoff = time.time() - _STALE_AFTER
    for old in directory.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (directory / f"{token}.upload").write_bytes(data)
    return signing.dumps({"t": token, "n": filename, "u": user_id}, salt=_SALT)


def _unstage(signed: str, user_id: int) -> tuple[Path, str, bytes]:
    """The staged file's path, original name and bytes; ``ValueError`` if gone or forged."""
    try:
        ref = signing.loads(signed, salt=_SALT, max_age=STAGED_MAX_AGE)
    except signing.BadSignature:
        raise ValueError("expired or invalid") from None
    path = _staging_dir() / f"{ref['t']}.upload"
    if ref.get("u") != user_id or not path.is_file():
        raise ValueError("not found")
    return path, ref["n"], path.read_bytes()


def _preview(request, parsed: ParsedPlan, filename: str, form: ConfirmForm, status=200):
    partnership = form["partnership"].value() or ""
    year = form["year"].value() or ""
    existing = (
        Plan.objects.filter(partnership__name__iexact=partnership.strip(), year=year.strip())
        .select_related("partnership")
        .first()
    )
    return render(
        request,
        "importing/preview.html",
        {
            "parsed": parsed,
            "filename": filename,
            "form": form,
            "errors": error_list(form) if form.is_bound else [],
            "existing": existing,
            "action_count": parsed.action_count(),
            # The printed target figures, recomputed: disagreements are shown before import.
            "target_checks": [c.as_dict() for c in check_parsed_targets(parsed.targets)],
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                ("Import", reverse("importing:upload")),
            ],
        },
        status=status,
    )


def _upload_page(request, form: UploadForm, extra_errors=(), status=200):
    errors = [*error_list(form), *extra_errors] if form.is_bound else list(extra_errors)
    return render(
        request,
        "importing/upload.html",
        {
            "form": form,
            "errors": errors,
            "accept": ACCEPTED_EXTENSIONS,
            "max_bytes": settings.SAFERPLAN_MAX_UPLOAD_BYTES,
            "breadcrumbs": [("Home", reverse("core:home"))],
        },
        status=status,
    )


@manager_required
def upload(request: HttpRequest) -> HttpResponse:
    """Show the upload form; on POST read the document and show the preview."""
    if request.method != "POST":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    document = form.cleaned_data["document"]
    filename = PurePath(document.name or "upload").name[:200] or "upload"
    data = document.read()
    try:
        parsed = services.read_document(filename, data)
    except PlanImportError as exc:
        form.add_error("document", str(exc))
        return _upload_page(request, form, status=400)
    confirm = ConfirmForm(
        initial={
            "staged": _stage(data, filename, request.user.pk),
            "partnership": form.cleaned_data["partnership"] or parsed.partnership or "",
            "year": form.cleaned_data["year"] or parsed.year or "",
        }
    )
    return _preview(request, parsed, filename, confirm)


@require_POST
@manager_required
def confirm(request: HttpRequest) -> HttpResponse:
    """Store the previewed document as a plan, then show the plan."""
    form = ConfirmForm(request.POST)
    try:
        path, filename, data = _unstage(request.POST.get("staged", ""), request.user.pk)
        parsed = services.read_document(filename, data)
    except (ValueError, PlanImportError):
        expired = [("id_document", "The preview has expired: upload the document again")]
        return _upload_page(request, UploadForm(), expired, status=400)
    if not form.is_valid():
        return _preview(request, parsed, filename, form, status=400)
    refusal = _refusal(request.user, form.cleaned_data["partnership"] or parsed.partnership or "")
    if refusal:
        form.add_error("partnership", refusal)
        return _preview(request, parsed, filename, form, status=403)
    try:
        result = services.import_plan(
            parsed,
            source_name=filename,
            source_bytes=data,
            partnership=form.cleaned_data["partnership"],
            year=form.cleaned_data["year"],
            user=request.user,
        )
    except PlanImportError as exc:
        form.add_error(None, str(exc))
        return _preview(request, parsed, filename, form, status=400)
    path.unlink(missing_ok=True)
    messages.success(
        request,
        f"Imported: {result.priorities} priorit{'y' if result.priorities == 1 else 'ies'}, "
        f"{result.actions} action{'' if result.actions == 1 else 's'}",
    )
    return redirect(result.plan.get_absolute_url())
