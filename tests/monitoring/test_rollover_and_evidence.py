import io

import pytest
from docx import Document
from openpyxl import Workbook

from saferplan.monitoring.evidence import EvidenceRefused, attach_evidence, detect_type
from saferplan.plans.models import Plan, ProgressUpdate
from saferplan.plans.rollover import RolloverError, roll_over


def test_rolling_over_copies_priorities_and_open_actions_as_a_draft(plan):
    ProgressUpdate.objects.create(
        action=plan.priorities.get(ref="2").actions.get(ref="2.1"),
        period="2024/25 Q4",
        text="Done",
        status="completed",
    )
    new = roll_over(plan)
    assert (new.year, new.status, new.title) == ("2025/26", "draft", "Ashcombe Action Plan 2025/26")
    assert [p.title for p in new.priorities.all()] == ["Domestic abuse", "Anti-social behaviour"]
    refs = [a.ref for p in new.priorities.all() for a in p.actions.all()]
    assert refs == ["1.1", "1.2", "2.2"]  # 2.1 was completed
    copied = new.priorities.get(ref="1").actions.get(ref="1.2")
    assert copied.copied_from.priority.plan == plan
    assert [a.name for a in copied.lead_agencies()] == ["Ashcombe Police", "ABC"]
    assert not copied.updates.exists()


def test_a_year_is_rolled_over_only_once(plan):
    roll_over(plan)
    with pytest.raises(RolloverError, match="already has a plan for 2025/26"):
        roll_over(plan)
    assert Plan.objects.count() == 2


def _docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + bytes(32), "image/png"),
        (b"ref,status\n1.1,on_track\n", "text/plain"),
        (_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64), None),  # a Windows program
        (b"PK\x03\x04" + bytes(64), None),  # some other zip
    ],
)
def test_evidence_type_is_decided_by_content(data, mime):
    assert detect_type(data) == mime


def test_evidence_is_stored_with_its_type_and_refused_when_wrong(plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    update = ProgressUpdate.objects.get(action__ref="1.1")
    stored = attach_evidence(update, "report.pdf", b"%PDF-1.7\n" + bytes(100), user=None)
    assert (stored.content_type, stored.size) == ("application/pdf", 109)
    with pytest.raises(EvidenceRefused, match="report.exe is not a file type we accept"):
        attach_evidence(update, "report.exe", b"MZ\x90\x00" + bytes(64), user=None)
    with pytest.raises(EvidenceRefused, match="empty"):
        attach_evidence(update, "empty.pdf", b"", user=None)
