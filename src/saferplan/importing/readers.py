"""Read any supported plan document: one entry point, format chosen by content.

``read_document(filename, data)`` looks at the bytes, not only the extension:

* a zip holding ``word/document.xml`` is Word (``docx_reader``);
* a zip holding ``xl/workbook.xml`` is Excel (``xlsx_reader``);
* text whose first character (after a BOM and whitespace) is ``{`` or ``[`` and
  which parses as JSON is SaferPlan JSON (``json_format``);
* any other text is a text extract (``saferplan.importing.text``).

Everything else is refused with a one-line ``PlanImportError`` that names the
file: empty files, files over ``max_bytes``, images, PDFs, legacy ``.doc`` and
``.xls`` files, zips that are neither Word nor Excel, damaged documents.  No
other exception escapes, whatever the bytes: an unexpected failure inside a
reader becomes a ``ReaderCrash`` (a ``PlanImportError``) so a user sees a
message and the fuzz tests can still tell a crash from a refusal.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from pathlib import PurePath

from saferplan.importing.document import ParsedPlan, PlanImportError

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
# A plan's XML compresses about tenfold; a zip that claims to expand to more
# than this is a zip bomb or not a plan, and python-docx would load it whole.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (and encrypted OOXML)
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Signatures of files people upload by mistake, with what to say about them.
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF: export the plan from Word as .docx, or copy its text into a .txt file"),
    (b"{\\rtf", "a Rich Text (.rtf) file: save it as .docx"),
    (b"\x89PNG", "an image (PNG), not a plan document"),
    (b"\xff\xd8\xff", "an image (JPEG), not a plan document"),
    (b"GIF8", "an image (GIF), not a plan document"),
    (b"II*\x00", "an image (TIFF), not a plan document"),
    (b"MM\x00*", "an image (TIFF), not a plan document"),
    (b"RIFF", "a media file, not a plan document"),
    (b"\x1f\x8b", "a gzip archive, not a plan document"),
    (b"7z\xbc\xaf", "a 7-Zip archive, not a plan document"),
    (b"Rar!", "a RAR archive, not a plan document"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ReaderCrash(PlanImportError):
    """A reader failed in a way nobody anticipated (a bug, logged with its traceback)."""


def read_document(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> ParsedPlan:
    """Parse ``data`` (the bytes of an uploaded file called ``filename``) into a plan.

    Raises ``PlanImportError`` with a one-line message naming the file for
    anything that is not a plan document SaferPlan can read.
    """
    source = PurePath(filename or "upload").name or "upload"
    try:
        return _read(source, bytes(data), max_bytes)
    except PlanImportError:
        raise
    except RecursionError as exc:
        raise PlanImportError("the document is nested too deeply to read", source=source) from exc
    except Exception as exc:
        logger.exception("Unexpected failure reading %s", source)
        raise ReaderCrash(
            f"this file could not be read ({type(exc).__name__}); please report it",
            source=source,
        ) from exc


def _read(source: str, data: bytes, max_bytes: int) -> ParsedPlan:
    if not data:
        raise PlanImportError("the file is empty", source=source)
    if len(data) > max_bytes:
        raise PlanImportError(
            f"the file is {_size(len(data))}; the largest accepted is {_size(max_bytes)}",
            source=source,
        )
    if data.startswith(_ZIP_MAGICS):
        return _read_zip(source, data)
    if data.startswith(_OLE2):
        raise PlanImportError(_legacy_office_message(source), source=source)
    for magic, what in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise PlanImportError(f"this is {what}", source=source)
    text = decode_text(data, source)
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        plan = _try_json(source, text)
        if plan is not None:
            return plan
    from saferplan.importing.text import parse_text

    return parse_text(text, source)


def decode_text(data: bytes, source: str) -> str:
    """Decode a text upload: UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252.

    Line endings become ``\\n``.  NUL bytes or many control characters mean
    the file is binary, which is refused rather than parsed as nonsense.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PlanImportError("the file is not readable text", source=source) from exc
    else:
        if b"\x00" in data:
            raise PlanImportError(
                "this is a binary file, not a plan document (.docx, .xlsx, .json or .txt)",
                source=source,
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Older Windows tools save text as cp1252 ("smart quotes", £); bytes
            # it leaves undefined become U+FFFD rather than an error.
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if _looks_binary(text):
        raise PlanImportError(
            "this is a binary file, not a plan document (.docx, .xlsx, .json or .txt)",
            source=source,
        )
    return text


def _looks_binary(text: str) -> bool:
    """True when control characters (other than tab, newline, form feed) are common."""
    sample = text[:8192]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\f\v")
    return controls > max(8, len(sample) // 100)


def _try_json(source: str, text: str) -> ParsedPlan | None:
    """Read ``text`` as SaferPlan JSON; ``None`` if it is not JSON and need not be.

    A text extract may well start with "[Draft]"; only a file named ``.json``
    that fails to parse is reported as broken JSON.
    """
    from saferplan.importing.json_format import read_json

    try:
        json.loads(text)
    except (ValueError, RecursionError):
        if source.lower().endswith(".json"):
            return read_json(text, source)  # raises with the parser's line and column
        return None
    return read_json(text, source)


def _read_zip(source: str, data: bytes) -> ParsedPlan:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    # NotImplementedError: a header claiming a zip version or method Python lacks.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise PlanImportError(
            f"the file is damaged: it looks like {_zip_kind(source)} but cannot be opened",
            source=source,
        ) from exc
    names = {info.filename for info in infos}
    if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
        raise PlanImportError(
            f"the document expands to more than {_size(MAX_UNZIPPED_BYTES)}; "
            "it is not a plan SaferPlan can read",
            source=source,
        )
    if "word/document.xml" in names:
        from saferplan.importing.docx_reader import read_docx

        return read_docx(data, source)
    if "xl/workbook.xml" in names:
        from saferplan.importing.xlsx_reader import read_xlsx

        return read_xlsx(data, source)
    if any(name.startswith("ppt/") for name in names):
        raise PlanImportError("this is a PowerPoint file: save the plan as .docx", source=source)
    if "content.xml" in names:
        raise PlanImportError(
            "this is an OpenDocument file: save it as .docx or .xlsx", source=source
        )
    raise PlanImportError(
        "this zip archive is not a Word (.docx) or Excel (.xlsx) document", source=source
    )


def _zip_kind(source: str) -> str:
    suffix = PurePath(source).suffix.lower()
    if suffix in (".docx", ".docm", ".dotx"):
        return "a Word document"
    if suffix in (".xlsx", ".xlsm", ".xltx"):
        return "an Excel workbook"
    return "a zip archive"


def _legacy_office_message(source: str) -> str:
    suffix = PurePath(source).suffix.lower()
    if suffix in (".doc", ".dot"):
        return "this is a legacy Word .doc file: open it in Word and save it as .docx"
    if suffix in (".xls", ".xlt"):
        return "this is a legacy Excel .xls file: open it in Excel and save it as .xlsx"
    # Password-protected .docx/.xlsx files are also stored in this container.
    return (
        "this is a legacy Office file (.doc/.xls) or a password-protected document: "
        "remove any password and save it as .docx or .xlsx"
    )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n} bytes"
