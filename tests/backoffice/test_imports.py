"""The upload page: files run as an import job; an HR officer's rows must be of her entities
(refused at file:row:column, nothing written); an admin imports everything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thuiswerk.budgets.models import BudgetLine
from thuiswerk.jobs.models import Job, JobFile
from thuiswerk.people.models import Employee
from thuiswerk.telework.models import InternetOption

BUDGETS = "entity_code;year;measure;amount\nAIV;2026;material;1000\nDKB;2026;material;2000\n"


def upload(client, user, *files: tuple[str, str]):
    client.force_login(user)
    return client.post(
        reverse("backoffice:imports"),
        {"files": [SimpleUploadedFile(name, text.encode()) for name, text in files]},
    )


def job_of(response) -> Job:
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert not JobFile.objects.filter(job=job).exists()  # dropped after the run
    return job


def test_hr_may_not_import_another_entitys_rows(client, world):
    job = job_of(upload(client, world.a.hr_user, ("budgets.csv", BUDGETS)))
    assert job.status == Job.Status.DONE
    assert job.result["ok"] is False
    errors = job.result["errors"]
    assert [(e["file"], e["row"], e["column"]) for e in errors] == [
        ("budgets.csv", 3, "entity_code")
    ]
    assert "DKB" in errors[0]["message"]
    assert not BudgetLine.objects.exists()  # nothing written, not even AIV's row
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "budgets.csv:3:entity_code" in page


def test_hr_may_not_import_rows_of_another_entitys_staff(client, world):
    other = world.b.employee.personnel_number
    mine = world.a.employee.personnel_number
    text = (
        "employee_id,option,valid_from,provider\n"
        f"{mine},forfait,2026-01-01,\n{other},third_party,2026-01-01,Proximus\n"
    )
    job = job_of(upload(client, world.a.hr_user, ("internet_options.csv", text)))
    assert [(e["file"], e["row"], e["column"], e["code"]) for e in job.result["errors"]] == [
        ("internet_options.csv", 3, "employee_id", "employee_out_of_scope")
    ]
    assert not InternetOption.objects.exists()


def test_hr_may_not_rename_another_entitys_staff_member(client, world):
    other = world.b.employee
    text = (
        "employee_id;first_name;last_name;email;entity_code;entity_name;fte;start_date;end_date;supervisor_id\n"
        f"{other.personnel_number};Eva;Anders;;AIV;Agentschap Informatie Vlaanderen;1;01/01/2026;;\n"
    )
    job = job_of(upload(client, world.a.hr_user, ("staff.csv", text)))
    # (Her open period in B also overlaps: an error of its own.)
    assert (2, "employee_id", "employee_out_of_scope") in [
        (e["row"], e["column"], e["code"]) for e in job.result["errors"]
    ]
    assert Employee.objects.get(pk=other.pk).last_name == other.last_name


def test_hr_imports_her_own_rows_and_new_staff(client, world):
    text = (
        "employee_id;first_name;last_name;email;entity_code;entity_name;fte;start_date;end_date;supervisor_id\n"
        "N1;Nieuw;Personeelslid;;AIV;Agentschap Informatie Vlaanderen;1;01/01/2026;;\n"
    )
    job = job_of(
        upload(
            client,
            world.a.hr_user,
            ("staff.csv", text),
            ("budgets.csv", "entity_code;year;measure;amount\nAIV;2026;material;1000\n"),
        )
    )
    assert job.result["ok"] is True, job.result["errors"]
    assert Employee.objects.filter(personnel_number="N1").exists()
    assert BudgetLine.objects.get().amount == 1000


def test_admin_imports_every_entity(client, world):
    job = job_of(upload(client, world.admin_user, ("budgets.csv", BUDGETS)))
    assert job.result["ok"] is True
    assert BudgetLine.objects.count() == 2


def test_the_same_messages_as_the_cli(client, world):
    text = "entity_code;year;measure;amount\nAIV;twintig;material;1000\n"
    job = job_of(upload(client, world.admin_user, ("budgets.csv", text)))
    from thuiswerk.imports.services import import_files

    error = job.result["errors"][0]
    assert (error["row"], error["column"]) == (2, "year")
    # The CLI's import of the same file says the same.
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budgets.csv"
        path.write_text(text)
        cli = import_files(paths=[path], actor="test")
    assert cli.errors[0].message == error["message"]


def test_upload_refuses_other_files(client, world):
    response = upload(client, world.a.hr_user, ("notes.txt", "hello"))
    assert response.status_code == 200
    assert "notes.txt" in response.content.decode()
    assert not Job.objects.exists()


def test_upload_refuses_files_over_the_limit(client, world, monkeypatch):
    from thuiswerk.backoffice import forms

    monkeypatch.setattr(forms, "UPLOAD_MAX_BYTES", 100)
    response = upload(client, world.a.hr_user, ("budgets.csv", BUDGETS * 3))
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_upload_refuses_a_body_over_the_limit_before_reading_it(client, world, monkeypatch):
    from thuiswerk.backoffice import views

    monkeypatch.setattr(views, "UPLOAD_MAX_BYTES", 0)
    big = "entity_code;year;measure;amount\n" + "AIV;2026;material;1000\n" * 4000
    response = upload(client, world.a.hr_user, ("budgets.csv", big))
    assert response.status_code == 413
    assert not Job.objects.exists()


@pytest.mark.parametrize("role", ["employee_a", "supervisor_a", "auditor_a", "auditor_all"])
def test_upload_refused_for_roles_without_hr_rights(client, world, role):
    response = upload(client, world.users()[role], ("budgets.csv", BUDGETS))
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_upload_refuses_two_files_of_one_name(client, world):
    response = upload(client, world.admin_user, ("budgets.csv", BUDGETS), ("budgets.csv", BUDGETS))
    assert response.status_code == 200
    assert not Job.objects.exists()
