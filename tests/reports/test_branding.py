"""A partnership's name, logo and colour on its documents, and logos of any picture type."""

from __future__ import annotations

import base64
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor
from PIL import Image
from pypdf import PdfReader

from saferplan.reports import logos
from saferplan.reports.builders.common import branding_for
from saferplan.reports.models import ReportSettings
from saferplan.reports.services import build, render

pytestmark = pytest.mark.django_db

GREEN = "#00703c"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def picture(fmt: str, size=(240, 120), mode="RGBA") -> bytes:
    image = Image.new(mode, size, (0, 112, 60, 255) if mode == "RGBA" else (0, 112, 60))
    for x in range(0, size[0], 8):  # a stripe, so the picture is not one colour
        for y in range(size[1]):
            image.putpixel((x, y), (255, 255, 255, 255) if mode == "RGBA" else (255, 255, 255))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def upload(client, partnership, data: bytes, name: str, content_type: str):
    url = f"/reports/partnerships/{partnership.slug}/branding/"
    logo = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(
        url,
        {"colour": GREEN, "display_name": "Safer Ashcombe", "logo": logo, "logo_alt": "Crest"},
    )


def brand_colour_fills(pdf: bytes, page: int = 0) -> list[tuple[float, float, float]]:
    """Every "r g b rg" (fill colour) the page's content stream sets."""
    content = PdfReader(io.BytesIO(pdf)).pages[page].get_contents().get_data().decode("latin-1")
    number = r"(-?\d*\.?\d+)"
    return [
        tuple(float(v) for v in m.groups())
        for m in re.finditer(rf"{number}\s+{number}\s+{number}\s+rg\b", content)
    ]


def test_a_webp_logo_is_stored_as_png_and_prints_in_word_html_and_pdf(
    sample, manager_of, verified_client, read, today
):
    client = verified_client(manager_of(sample.partnership))
    response = upload(client, sample.partnership, picture("WEBP"), "crest.webp", "image/webp")
    assert response.status_code == 302
    stored = ReportSettings.objects.get(partnership=sample.partnership)
    assert stored.logo.name.endswith(".png")
    with stored.logo.open("rb") as handle:
        data = handle.read()
    assert data.startswith(logos.PNG_MAGIC)
    assert Image.open(io.BytesIO(data)).size == (240, 120)

    report = build("quarterly", sample, today=today)
    word = Document(io.BytesIO(render(report, "docx").content))  # python-docx opens it
    html = render(report, "html").content.decode()
    pdf = render(report, "pdf").content
    logo_part = _picture_parts(word)[0]
    assert logo_part.content_type == "image/png" and logo_part.blob == data
    assert "data:image/png;base64," + base64.b64encode(data).decode() in html
    assert PdfReader(io.BytesIO(pdf)).pages[0].images  # the logo on the cover
    # The page's logo is served with its real type.
    served = client.get(f"/reports/partnerships/{sample.partnership.slug}/logo")
    assert served["Content-Type"] == "image/png" and served.content == data
    page = client.get(f"/reports/plans/{sample.pk}/quarterly/").content.decode()
    assert f'src="/reports/partnerships/{sample.partnership.slug}/logo" alt="Crest"' in page


@pytest.mark.parametrize(
    ("fmt", "name", "mode"),
    [("GIF", "crest.gif", "RGB"), ("JPEG", "crest.jpg", "RGB"), ("BMP", "crest.bmp", "RGB")],
)
def test_other_picture_types_become_png(sample, manager_of, verified_client, fmt, name, mode):
    client = verified_client(manager_of(sample.partnership))
    data = picture(fmt, mode=mode)
    assert upload(client, sample.partnership, data, name, "image/whatever").status_code == 302
    assert branding_for(sample.partnership).logo_png.startswith(logos.PNG_MAGIC)


def test_a_large_logo_is_shrunk(sample):
    png = logos.to_png(picture("PNG", size=(3000, 1500)))
    assert Image.open(io.BytesIO(png)).size == (logos.MAX_SIDE, logos.MAX_SIDE // 2)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "crest.png", "must be a picture"),
        (b"%PDF-1.4 not a picture", "crest.png", "must be a picture"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "crest.png", "must be a picture"),  # truncated
        (b"0" * (logos.MAX_BYTES + 1), "crest.png", "smaller than 2 MB"),
    ],
)
def test_uploads_are_checked_by_content_and_size(
    sample, manager_of, verified_client, data, name, message
):
    client = verified_client(manager_of(sample.partnership))
    response = upload(client, sample.partnership, data, name, "image/png")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportSettings.objects.filter(partnership=sample.partnership).exclude(logo="")


def test_a_logo_stored_before_conversion_still_prints(sample, today):
    """A WebP saved by an older version is converted when the documents read it."""
    from django.core.files.base import ContentFile

    settings = ReportSettings(partnership=sample.partnership, colour=GREEN)
    settings.logo.save("old.webp", ContentFile(picture("WEBP")), save=False)
    settings.save()
    branding = branding_for(sample.partnership)
    assert branding.logo_png.startswith(logos.PNG_MAGIC)
    Document(io.BytesIO(render(build("plan", sample, today=today), "docx").content))


def _picture_parts(word) -> list:
    parts = []
    for shape in word.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        parts.append(word.part.related_parts[blip.embed])
    return parts


def test_name_logo_and_colour_appear_in_word_pdf_and_html(sample, read, today):
    from django.core.files.base import ContentFile

    logo = picture("PNG")
    settings = ReportSettings(
        partnership=sample.partnership,
        colour=GREEN,
        display_name="Safer Ashcombe",
        logo_alt="Safer Ashcombe crest",
        footer="Safer Ashcombe · OFFICIAL",
    )
    settings.logo.save("crest.png", ContentFile(logo), save=False)
    settings.save()
    for kind in ("plan", "quarterly", "committee"):
        report = build(kind, sample, today=today)
        docx, pdf = render(report, "docx").content, render(report, "pdf").content
        html = render(report, "html").content.decode()

        word = Document(io.BytesIO(docx))
        assert word.paragraphs[1].text == "Safer Ashcombe"  # under the logo, over the title
        first = word.inline_shapes[0]
        assert first._inline.docPr.get("descr") == "Safer Ashcombe crest"
        assert _picture_parts(word)[0].blob == logo
        green = RGBColor.from_string(GREEN[1:].upper())
        assert word.styles["Heading 1"].font.color.rgb == green
        assert word.styles["Title"].font.color.rgb == green
        assert any(p.style.name == "Heading 1" for p in word.paragraphs)
        assert "Safer Ashcombe · OFFICIAL" in word.sections[0].footer._element.xml
        assert word.core_properties.author == "Safer Ashcombe"

        text = read.pdf_text(pdf)
        assert text.startswith("Safer Ashcombe")  # the cover: name over the title
        assert "Safer Ashcombe · OFFICIAL" in text
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.pages[0].images, kind
        expected = (0.0, 0x70 / 255, 0x3C / 255)
        fills = brand_colour_fills(pdf)
        assert any(all(abs(a - b) < 0.005 for a, b in zip(f, expected, strict=True)) for f in fills)
        assert reader.metadata.author == "Safer Ashcombe"

        assert "--sp-brand: #00703c;" in html
        assert 'alt="Safer Ashcombe crest"' in html
        assert "data:image/png;base64," + base64.b64encode(logo).decode() in html
        assert '<span class="govuk-caption-l">Safer Ashcombe</span>' in html


def test_without_settings_the_documents_use_the_partnership_name_in_blue(sample, today):
    word = Document(io.BytesIO(render(build("plan", sample, today=today), "docx").content))
    assert word.paragraphs[0].text == sample.partnership.name
    assert word.styles["Heading 1"].font.color.rgb == RGBColor.from_string("1D70B8")
    assert not word.inline_shapes
    lang = word.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
