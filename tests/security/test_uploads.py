"""An uploaded import file is refused, in a sentence naming it, when it is too large, not .csv
or .xlsx, or not what its extension says."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from thuiswerk.imports.uploads import UploadRefused, check_upload
from thuiswerk.jobs.models import Job

CSV = b"entity_code;year;measure;amount\nAIV;2026;material;1000\n"


def workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def refusal(name: str, content: bytes, size: int | None = None) -> str:
    with pytest.raises(UploadRefused) as refused:
        check_upload(name, content, len(content) if size is None else size)
    assert isinstance(refused.value, ValueError)
    return str(refused.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("budgets.csv", CSV),
        ("budgets.CSV", b"\xef\xbb\xbf" + CSV),  # UTF-8 with a byte order mark
        ("staff.csv", "naam;voornaam\nDe Smet;Zoë\n".encode("cp1252")),  # older Excel
        ("staff.csv", "naam;voornaam\nDe Smet;Zoë\n".encode("utf-16")),  # "Unicode text"
        ("import.xlsx", workbook()),
    ],
)
def test_import_files_pass(name, content):
    assert check_upload(name, content, len(content)) is None


def test_a_csv_cut_in_a_character_passes_on_its_head():
    text = ("é" * 10).encode()
    assert check_upload("staff.csv", text[:5], 1000) is None  # the head ends inside "é"


def test_too_large(settings):
    settings.THUISWERK_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    with translation.override("nl"):
        assert refusal("staff.csv", CSV, 3 * 1024 * 1024) == "staff.csv is groter dan 2 MB."
    with translation.override("en"):
        assert refusal("staff.csv", CSV, 3 * 1024 * 1024) == "staff.csv is larger than 2 MB."


@pytest.mark.parametrize("name", ["staff.txt", "staff.xls", "staff", "staff.csv.exe"])
def test_other_extensions(name):
    with translation.override("nl"):
        assert refusal(name, CSV) == f"{name} is geen .csv- of .xlsx-bestand."


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7 not a zip", CSV, b"PK\x03\x04 a zip that breaks off", b""],
)
def test_an_xlsx_that_is_no_workbook(content):
    with translation.override("en"):
        assert (
            refusal("import.xlsx", content)
            == "import.xlsx is called .xlsx but is no Excel workbook."
        )


def test_a_zip_without_content_types_is_no_workbook_but_its_head_passes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.txt", "x")
    whole = out.getvalue()
    with translation.override("nl"):
        assert "is geen Excel-werkmap" in refusal("import.xlsx", whole)
    assert check_upload("import.xlsx", whole[:10], len(whole)) is None  # only the head: a zip


@pytest.mark.parametrize(
    "content",
    [b"naam;voornaam\x00\x00\x01", b"\x89PNG\r\n\x1a\n\x00\x00", workbook(), b"a\x81\x8d\x90"],
)
def test_a_csv_that_is_no_text(content):
    with translation.override("nl"):
        assert refusal("staff.csv", content) == (
            "staff.csv heet .csv maar is geen tekstbestand (het bevat binaire gegevens)."
        )


def upload(client, user, *files: SimpleUploadedFile):
    client.force_login(user)
    return client.post(reverse("backoffice:imports"), {"files": list(files)})


def test_the_upload_page_refuses_a_binary_csv_naming_it(client, world):
    response = upload(
        client,
        world.a.hr_user,
        SimpleUploadedFile("budgets.csv", CSV),
        SimpleUploadedFile("staff.csv", b"\x00\x01\x02binary"),
    )
    assert response.status_code == 200
    assert "staff.csv heet .csv maar is geen tekstbestand" in response.content.decode()
    assert not Job.objects.exists()


def test_the_upload_page_refuses_a_fake_workbook(client, world):
    response = upload(client, world.a.hr_user, SimpleUploadedFile("import.xlsx", b"<html>"))
    assert "import.xlsx heet .xlsx maar is geen Excel-werkmap." in response.content.decode()
    assert not Job.objects.exists()


def test_the_upload_page_takes_a_real_workbook_and_keeps_its_bytes(client, world):
    response = upload(client, world.admin_user, SimpleUploadedFile("import.xlsx", workbook()))
    assert response.status_code == 302  # a job: the checks left the file whole for it
    assert Job.objects.get().kind == "import"


def test_django_s_memory_limits(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.THUISWERK_UPLOAD_MAX_BYTES == 50 * 1024 * 1024


def test_the_limit_comes_from_the_environment(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("THUISWERK_")}
    script = "from django.conf import settings as s; print(s.THUISWERK_UPLOAD_MAX_BYTES)"
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=tmp_path,
        env={**clean, "DEBUG": "1", "THUISWERK_UPLOAD_MAX_MB": "8"},
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == str(8 * 1024 * 1024), done.stderr
