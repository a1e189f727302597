"""Demo content that ships with SaferPlan: fictional plans in every import format.

The partnerships (Thornbury Vale, Ashcombe), their councils and the "Wessex"
agencies are invented.  ``document_paths()`` lists the documents a demo site
imports; ``build_documents`` regenerates the Word and Excel ones from the
Python content beside it.
"""

from __future__ import annotations

from pathlib import Path

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"
_SUFFIXES = (".txt", ".docx", ".xlsx", ".json")


def document_paths() -> list[Path]:
    """The demo plan documents, sorted by file name."""
    return sorted(p for p in DOCUMENTS_DIR.iterdir() if p.suffix in _SUFFIXES and p.is_file())
