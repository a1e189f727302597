"""read_document: the format comes from the content, and every refusal is one clear line."""

from __future__ import annotations

import io
import zipfile

import pytest

from saferplan.demo.thornbury_vale import plan_2025_26
from saferplan.importing import readers
from saferplan.importing.document import ParsedPlan, PlanImportError
from saferplan.importing.json_format import dump_json
from saferplan.importing.readers import ReaderCrash, decode_text, read_document
from saferplan.importing.xlsx_reader import write_xlsx

PLAN_TEXT = (
    "Ashcombe Community Safety Partnership Action Plan 2025/26\n\n"
    "Priority 1: Domestic Abuse\n\n"
    "\tAction\tLead\tMeasure\n"
    "1.1\tRun the One Stop Shop every week\tHarbour Lights\tSessions held\n"
    "1.2\tTrain GP surgeries to refer victims\tNHS Ashcombe Place\tPractices trained\n"
)


def _refusal(filename: str, data: bytes, **kwargs) -> str:
    with pytest.raises(PlanImportError) as caught:
        read_document(filename, data, **kwargs)
    assert not isinstance(caught.value, ReaderCrash), caught.value.__cause__
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        filename.rsplit("/", 1)[-1] + (", line" if caught.value.line else ": ")
    )
    return message


def _docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Priority 1: Domestic Abuse", level=1)
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["", "Action", "Lead", "Measure"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1.1", "Run the One Stop Shop", "ADC", "Visits"]):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- detection by content -------------------------------------------------------------


def test_text_is_read_as_a_text_extract():
    plan = read_document("plan.txt", PLAN_TEXT.encode())
    assert plan.year == "2025/26"
    assert [len(p.actions) for p in plan.priorities] == [2]


def test_word_is_recognised_whatever_the_extension():
    plan = read_document("plan.txt", _docx_bytes())
    assert plan.priorities[0].actions[0].text == "Run the One Stop Shop"


def test_excel_is_recognised_whatever_the_extension():
    plan = read_document("returns.docx", write_xlsx(plan_2025_26()))
    assert plan == plan_2025_26()


def test_saferplan_json_is_recognised_after_a_bom_and_whitespace():
    data = b"\xef\xbb\xbf \n" + dump_json(plan_2025_26()).encode()
    assert read_document("plan.txt", data) == plan_2025_26()


def test_text_starting_with_a_bracket_is_still_text():
    plan = read_document("plan.txt", ("[Draft] " + PLAN_TEXT).encode())
    assert plan.action_count() == 2


def test_broken_json_in_a_json_file_is_reported_as_json():
    message = _refusal("plan.json", b'{"title": "x",,}')
    assert "not valid JSON" in message and "line 1" in message


# --- decoding ----------------------------------------------------------------------------


def test_crlf_and_cp1252_text_are_decoded():
    data = PLAN_TEXT.replace("Sessions held", "Sessions held (£5k)").replace("\n", "\r\n")
    plan = read_document("plan.txt", data.encode("cp1252"))
    assert plan.priorities[0].actions[0].measure == "Sessions held (£5k)"


def test_utf16_with_a_bom_is_decoded():
    plan = read_document("plan.txt", PLAN_TEXT.encode("utf-16"))
    assert plan.action_count() == 2


def test_decode_text_strips_the_bom_and_normalises_line_endings():
    assert decode_text(b"\xef\xbb\xbfa\r\nb\rc", "x.txt") == "a\nb\nc"


# --- refusals ------------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert "the file is empty" in _refusal("plan.docx", b"")


def test_a_file_over_the_size_limit_is_refused():
    message = _refusal("plan.txt", PLAN_TEXT.encode(), max_bytes=100)
    assert "the largest accepted is 100 bytes" in message


def test_the_default_limit_is_ten_mebibytes():
    message = _refusal("big.txt", b"a" * (10 * 1024 * 1024 + 1))
    assert "10.0 MiB" in message


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "an image (PNG)"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "an image (JPEG)"),
        ("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
        ("plan.rtf", b"{\\rtf1\\ansi Priority 1}", "save it as .docx"),
        ("data.bin", b"abc\x00def" * 10, "binary file"),
        ("noise.txt", bytes(range(1, 32)) * 20, "binary file"),
    ],
)
def test_files_that_are_not_plans_are_refused(name, data, expected):
    assert expected in _refusal(name, data)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan.doc", "legacy Word .doc file: open it in Word and save it as .docx"),
        ("plan.xls", "legacy Excel .xls file: open it in Excel and save it as .xlsx"),
        ("plan.bin", "save it as .docx or .xlsx"),
    ],
)
def test_legacy_office_files_are_refused_with_what_to_do(name, expected):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert expected in _refusal(name, ole2)


def test_a_zip_that_is_neither_word_nor_excel_is_refused():
    assert "not a Word (.docx) or Excel" in _refusal("plan.zip", _zip({"readme.txt": b"hi"}))


def test_an_opendocument_file_is_refused_with_what_to_do():
    message = _refusal("plan.odt", _zip({"content.xml": b"<x/>", "mimetype": b"odt"}))
    assert "save it as .docx or .xlsx" in message


@pytest.mark.parametrize("cut", [30, 200, -200])
def test_a_truncated_docx_is_refused(cut):
    data = _docx_bytes()
    assert "damaged" in _refusal("plan.docx", data[:cut])


def test_a_docx_with_broken_xml_is_refused():
    data = _zip({"word/document.xml": b"<w:document", "[Content_Types].xml": b"<Types/>"})
    assert "Word document is damaged" in _refusal("plan.docx", data)


def test_a_corrupt_xlsx_is_refused():
    data = _zip({"xl/workbook.xml": b"not xml", "[Content_Types].xml": b"<Types/>"})
    assert "Excel workbook is damaged" in _refusal("plan.xlsx", data)


def test_a_zip_that_expands_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNZIPPED_BYTES", 1000)
    assert "expands to more than" in _refusal("plan.docx", _docx_bytes())


def test_messages_name_the_file_without_its_directories():
    _refusal("C:/Users/alice/Documents/plan.docx", b"")


def test_an_unexpected_failure_becomes_a_reader_crash(monkeypatch):
    def explode(text, source):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr("saferplan.importing.text.parse_text", explode)
    with pytest.raises(ReaderCrash) as caught:
        read_document("plan.txt", PLAN_TEXT.encode())
    assert isinstance(caught.value, PlanImportError)
    assert (
        str(caught.value)
        == "plan.txt: this file could not be read (ZeroDivisionError); please report it"
    )


def test_bytearray_and_memoryview_are_accepted():
    assert isinstance(read_document("p.txt", bytearray(PLAN_TEXT.encode())), ParsedPlan)
    assert isinstance(read_document("p.txt", memoryview(PLAN_TEXT.encode())), ParsedPlan)


def test_a_macro_enabled_word_document_is_refused_with_what_to_do():
    files = {}
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as archive:
        for name in archive.namelist():
            files[name] = archive.read(name)
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    assert "macro-enabled" in _refusal("plan.docm", _zip(files))


def test_a_zip_claiming_a_version_python_cannot_read_is_refused_clearly():
    """Found by the fuzz tests: a flipped byte in the central directory's version field."""
    import io
    import zipfile

    from saferplan.importing.document import PlanImportError
    from saferplan.importing.readers import ReaderCrash, read_document

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    central = data.rindex(b"PK\x01\x02")
    data[central + 6] = 64  # "version needed to extract": 6.4
    with pytest.raises(PlanImportError, match="plan.xlsx: the file is damaged") as refused:
        read_document("plan.xlsx", bytes(data))
    assert not isinstance(refused.value, ReaderCrash)
