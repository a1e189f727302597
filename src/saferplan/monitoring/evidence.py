"""Evidence files attached to a return: type checked by content, size limited."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.files.base import ContentFile

from saferplan.monitoring.models import EvidenceFile
from saferplan.plans.models import ProgressUpdate

# What a partner may attach: documents, spreadsheets, images.  Decided by the
# bytes, not by the name, so a renamed executable is refused.
ALLOWED = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
}
MAX_BYTES = getattr(settings, "SAFERPLAN_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)


class EvidenceRefused(Exception):
    pass


def detect_type(data: bytes) -> str | None:
    """The MIME type the content shows, if it is one we accept; CSV and text by decoding."""
    kind = filetype.guess(data[:8192] if len(data) > 8192 else data)
    if kind is not None:
        if kind.mime == "application/zip":
            return None
        return kind.mime if kind.mime in ALLOWED else None
    try:
        sample = data[:65536].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain" if "\x00" not in sample else None


def attach_evidence(update: ProgressUpdate, name: str, data: bytes, *, user) -> EvidenceFile:
    if not data:
        raise EvidenceRefused(f"{name} is empty")
    if len(data) > MAX_BYTES:
        raise EvidenceRefused(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    mime = detect_type(data)
    if mime is None:
        allowed = ", ".join([*ALLOWED.values(), "text or CSV"])
        raise EvidenceRefused(f"{name} is not a file type we accept ({allowed})")
    evidence = EvidenceFile(
        update=update,
        original_name=name[:255],
        content_type=mime,
        size=len(data),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    evidence.file.save(name, ContentFile(data), save=False)
    evidence.save()
    return evidence
