"""What the pages say: the plain-Dutch explanation, corrections, the calendar's writes, the
queue and the team view."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import AgreementFactory, EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.allowances.services import ledger_compute, month_close
from thuiswerk.telework.models import Agreement, Registration

SEPTEMBER = date(2023, 9, 1)


def home_days(employee, *days):
    for day in days:
        RegistrationFactory(employee=employee, date=date(2023, 9, day))


def month_page(client, employee, month=SEPTEMBER):
    response = client.get(reverse("selfservice:month", args=[employee.pk, month.year, month.month]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.fixture
def eva(world, client):
    client.force_login(world.a.employee_user)
    AgreementFactory(employee=world.a.employee, valid_from=date(2021, 1, 1))
    return world.a.employee


def test_a_due_month_explained_in_plain_dutch(client, eva):
    home_days(eva, 5, 7, 12, 14, 19, 21)
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    page = month_page(client, eva)
    assert (
        "U werkte in september 6 dagen thuis; nodig waren er 4 (1 dag per week gemiddeld, naar"
        " rato van uw werkdagen: 21 aanwezige werkdagen zijn 4 volle weken)." in page
    )
    assert "U had een goedgekeurde thuiswerkovereenkomst." in page
    assert "U krijgt daarom de thuiswerkvergoeding van € 20,00." in page
    assert "U werkte in september 6 dagen thuis; nodig was er 1." in page
    assert "U krijgt daarom de internetvergoeding, een forfait van € 20,00." in page
    assert "Thuiswerkvergoeding" in page and "<td>recht</td>" in page
    assert "gewijzigd sinds de laatste berekening" not in page


def test_a_month_not_due_says_why(client, eva):
    RegistrationFactory(employee=eva, date=date(2023, 9, 5), part="am")
    RegistrationFactory(employee=eva, date=date(2023, 9, 12))
    for day in range(18, 30):  # a holiday of two weeks, minus the weekend
        if date(2023, 9, day).weekday() < 5:
            RegistrationFactory(employee=eva, date=date(2023, 9, day), location="absent")
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    page = month_page(client, eva)
    # 21 working days, 10 absent: 11 present make 2 full weeks, so 2 home days were needed.
    assert "U werkte in september 1,5 dagen thuis; nodig waren er 2" in page
    assert "11 aanwezige werkdagen zijn 2 volle weken" in page
    assert "Van uw 21 werkdagen in dienst was u er 10 afwezig." in page
    assert "Dat is te weinig: de thuiswerkvergoeding is niet verschuldigd." in page
    assert "niet verschuldigd" in page


def test_without_an_agreement_nothing_is_due(client, world):
    client.force_login(world.a.employee_user)
    home_days(world.a.employee, 5, 7, 12, 14)
    page = month_page(client, world.a.employee)
    assert "Geen enkele goedgekeurde thuiswerkovereenkomst gold op een van uw werkdagen" in page
    assert (
        "Zonder goedgekeurde thuiswerkovereenkomst is de thuiswerkvergoeding niet verschuldigd."
        in page
    )
    assert "Geen boekingen" in page


def test_before_a_measure_exists(client, eva):
    home_days_2022 = [date(2022, 9, d) for d in (6, 13, 20, 27)]
    for day in home_days_2022:
        RegistrationFactory(employee=eva, date=day)
    page = month_page(client, eva, date(2022, 9, 1))
    assert "De thuiswerkvergoeding bestaat pas vanaf 01/01/2023" in page


def test_a_month_without_employment(client, eva):
    page = month_page(client, eva, date(2019, 9, 1))
    assert "geen enkele werkdag in dienst" in page


def test_third_party_payer_explained(client, eva):
    from tests.factories import InternetOptionFactory, ThirdPartyInvoiceFactory

    InternetOptionFactory(employee=eva, valid_from=date(2023, 1, 1), provider="Proximus")
    ThirdPartyInvoiceFactory(employee=eva, month=SEPTEMBER, amount="45.50")
    home_days(eva, 5)
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    page = month_page(client, eva)
    assert "U koos voor de derdebetaler" in page
    assert "Voor deze maand betaalt de werkgever € 45,50." in page
    assert "voordeel van alle aard van € 5,00" in page


def test_a_closed_month_shows_the_correction_and_where_it_is_settled(client, eva):
    home_days(eva, 5, 7, 12, 14)
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    month_close(month=SEPTEMBER, actor="t")
    # She registers two of those days as absent afterwards: 2 home days, 4 needed.
    calendar = reverse("selfservice:calendar_day", args=[eva.pk, 2023, 9])
    response = client.post(calendar, {"day": "2023-09-12", "am": "absent", "pm": "absent"})
    assert response.status_code == 302
    client.post(calendar, {"day": "2023-09-14", "am": "absent", "pm": "absent"})
    page = " ".join(client.get(response["Location"]).content.decode().split())
    assert (
        "September 2023 is al uitbetaald: de wijziging wordt als correctie verrekend in de"
        " eerstvolgende open loonmaand, oktober 2023." in page
    )
    assert "September 2023 is al uitbetaald. U kunt nog wijzigen" in page
    assert "gewijzigd sinds de laatste berekening" in month_page(client, eva)
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    page = month_page(client, eva)
    assert (
        "Correctie: voor september 2023 werd € 20,00 betaald; volgens de registraties en regels"
        " zoals ze nu zijn, is € 0,00 verschuldigd, dus wordt € -20,00 verrekend met het loon van"
        " oktober 2023." in page
    )
    assert "U werkte in september 2 dagen thuis; nodig waren er 3" in page
    assert "Deze maand is uitbetaald." in page
    assert "gewijzigd sinds de laatste berekening" not in page
    months = client.get(reverse("selfservice:months", args=[eva.pk]) + "?year=2023")
    text = " ".join(months.content.decode().split())
    assert "correctie" in text and "oktober 2023" in text and "afgesloten (uitbetaald)" in text


def test_english_switch(client, eva):
    home_days(eva, 5, 7, 12, 14, 19, 21)
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    client.post(reverse("web:set_language"), {"language": "en", "next": "/"})
    page = month_page(client, eva)
    assert "You worked from home on 6 days in September; 4 were needed" in page
    assert "So you receive the home-working allowance of EUR 20.00." in page
    assert "U werkte" not in page and "thuiswerkvergoeding" not in page
    calendar = client.get(reverse("selfservice:calendar", args=[eva.pk, 2023, 9])).content.decode()
    assert "Morning" in calendar and "Apply a weekly pattern" in calendar
    assert "Voormiddag" not in calendar


# -- Calendar ------------------------------------------------------------------------------------


def test_calendar_shows_weekends_holidays_and_registrations(client, eva):
    RegistrationFactory(employee=eva, date=date(2023, 11, 6), part="am", location="home")
    page = client.get(reverse("selfservice:calendar", args=[eva.pk, 2023, 11])).content.decode()
    assert "woensdag 1 november: feestdag (Allerheiligen)" in page
    assert "zaterdag 4 november: weekend" in page
    assert 'id="am-2023-11-06"' in page and 'id="am-2023-11-01"' not in page
    day = page[page.index('id="day-2023-11-06"') :]
    day = day[: day.index("</li>")]
    assert '<option value="home" selected>' in day
    assert '<option value="" selected>niet geregistreerd' in day  # the afternoon


def test_calendar_outside_employment(client, world):
    leaver = EmploymentPeriodFactory(start_date=date(2020, 1, 1), end_date=date(2023, 9, 15))
    from tests.roles import user_with_roles

    client.force_login(user_with_roles("leaver@vlaanderen.be", ("employee", leaver.employee, [])))
    page = client.get(reverse("selfservice:calendar", args=[leaver.employee.pk, 2023, 9]))
    text = " ".join(page.content.decode().split())
    assert "maandag 18 september: niet in dienst" in text
    october = client.get(reverse("selfservice:calendar", args=[leaver.employee.pk, 2023, 10]))
    assert "U bent op geen enkele werkdag van oktober 2023 in dienst" in october.content.decode()
    response = client.post(
        reverse("selfservice:calendar_day", args=[leaver.employee.pk, 2023, 9]),
        {"day": "2023-09-18", "am": "home", "pm": "home"},
        follow=True,
    )
    assert "18/09/2023 is geen werkdag binnen uw tewerkstelling" in response.content.decode()
    assert not Registration.objects.filter(employee=leaver.employee).exists()


def test_saving_a_day_with_htmx_answers_the_day(client, eva):
    response = client.post(
        reverse("selfservice:calendar_day", args=[eva.pk, 2023, 9]),
        {"day": "2023-09-05", "am": "home", "pm": "office"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<li id="day-2023-09-05">')
    assert "Opgeslagen." in html
    assert sorted(Registration.objects.filter(employee=eva).values_list("part", "location")) == [
        ("am", "home"),
        ("pm", "office"),
    ]
    refused = client.post(
        reverse("selfservice:calendar_day", args=[eva.pk, 2023, 9]),
        {"day": "2023-09-09", "am": "home", "pm": "home"},
        headers={"HX-Request": "true"},
    )
    # A Saturday: refused, answered as the day with its message (no form on a weekend).
    assert refused.status_code == 200
    assert "weekend" in refused.content.decode()


def test_htmx_refusal_on_a_working_day_shows_the_message(client, eva):
    response = client.post(
        reverse("selfservice:calendar_day", args=[eva.pk, 2023, 9]),
        {"day": "2023-09-05", "am": "beach", "pm": ""},
        headers={"HX-Request": "true"},
    )
    assert "Dat is geen dag met een locatie." in response.content.decode()


def test_apply_a_pattern_in_the_page(client, eva):
    response = client.post(
        reverse("selfservice:calendar_pattern", args=[eva.pk, 2023, 11]),
        {
            "first_week": "2023-10-30",
            "last_week": "2023-11-13",
            "wednesday": "home",
            "friday": "office",
        },
        follow=True,
    )
    text = " ".join(response.content.decode().split())
    assert "Het patroon is toegepast: 5 dagen gewijzigd." in text
    assert "1 dag werd overgeslagen (een feestdag, of buiten uw tewerkstelling)." in text
    assert Registration.objects.filter(employee=eva, location="home").count() == 2
    assert Registration.objects.filter(employee=eva, location="office").count() == 3


def test_a_refused_pattern_keeps_the_form_with_its_message(client, eva):
    response = client.post(
        reverse("selfservice:calendar_pattern", args=[eva.pk, 2023, 11]),
        {"first_week": "2023-11-13", "last_week": "2023-10-30", "monday": "home"},
    )
    assert response.status_code == 400
    assert "De laatste week valt vóór de eerste week." in response.content.decode()


# -- Agreements and internet in the pages ----------------------------------------------------------


def test_request_and_withdraw_in_the_page(client, world):
    client.force_login(world.a.employee_user)
    url = reverse("selfservice:agreements", args=[world.a.employee.pk])
    response = client.post(url, {"valid_from": "2023-09-01", "days_per_week": "2.5"}, follow=True)
    text = response.content.decode()
    assert "Uw aanvraag is naar uw leidinggevende gestuurd." in text
    assert "in behandeling" in text and "Intrekken" in text
    agreement = Agreement.objects.get(employee=world.a.employee)
    again = client.post(url, {"valid_from": "2023-10-01", "days_per_week": "2"})
    assert again.status_code == 400
    assert "is nog in behandeling" in again.content.decode()
    client.post(reverse("selfservice:agreement_withdraw", args=[world.a.employee.pk, agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == "withdrawn"


def test_internet_choice_in_the_page(client, world):
    client.force_login(world.a.employee_user)
    url = reverse("selfservice:internet", args=[world.a.employee.pk])
    missing = client.post(url, {"option": "third_party", "valid_from": "2023-09-01"})
    assert missing.status_code == 400
    assert "Geef de provider op" in missing.content.decode()
    response = client.post(
        url,
        {"option": "third_party", "provider": "Telenet", "valid_from": "2023-09-01"},
        follow=True,
    )
    text = " ".join(response.content.decode().split())
    assert "Uw keuze is bewaard." in text
    assert "derdebetaler (Telenet), sinds 01/09/2023" in text


def test_a_choice_in_a_paid_month_names_the_correction_month(client, world):
    month_close(month=SEPTEMBER, actor="t")
    month_close(month=date(2023, 10, 1), actor="t")
    client.force_login(world.a.employee_user)
    response = client.post(
        reverse("selfservice:internet", args=[world.a.employee.pk]),
        {"option": "third_party", "provider": "Telenet", "valid_from": "2023-09-15"},
        follow=True,
    )
    assert "eerstvolgende open loonmaand, november 2023" in response.content.decode()


# -- The supervisor's pages ----------------------------------------------------------------------


def test_the_queue_approves_and_rejects(client, world):
    pending = AgreementFactory(
        employee=world.a.employee,
        valid_from=date(2023, 9, 1),
        status=Agreement.Status.PENDING,
        approved_on=None,
    )
    client.force_login(world.a.supervisor_user)
    page = client.get(reverse("selfservice:queue")).content.decode()
    assert "Eva MedewerkerAIV" in page and "Goedkeuren" in page
    decide = reverse("selfservice:decide", args=[pending.pk])
    response = client.post(decide, {f"a{pending.pk}-decision": "reject"}, follow=True)
    assert "Geef een reden op wanneer u een aanvraag weigert." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    response = client.post(
        decide,
        {f"a{pending.pk}-decision": "reject", f"a{pending.pk}-reason": "Eerst overleggen"},
        follow=True,
    )
    assert "De aanvraag van Eva MedewerkerAIV is geweigerd." in response.content.decode()
    pending.refresh_from_db()
    assert (pending.status, pending.decision_reason) == ("rejected", "Eerst overleggen")
    assert "Geen enkele aanvraag wacht op uw beslissing." in response.content.decode()


def test_the_queue_holds_the_team_s_equipment_requests_too(client, world):
    from tests.factories import CatalogItemFactory

    from thuiswerk.equipment import services as equipment

    chair = CatalogItemFactory(entity=world.a.entity, name="Bureaustoel")
    asked = equipment.request_create(employee_id=world.a.employee.pk, item_id=chair.pk, actor="eva")
    client.force_login(world.a.supervisor_user)
    queue = reverse("selfservice:queue")
    page = client.get(queue).content.decode()
    assert "Eva MedewerkerAIV: Bureaustoel" in page
    response = client.post(
        reverse("equipment:supervisor_decide", args=[asked.pk]),
        {"decision": "approve", "reason": "", "next": queue},
    )
    assert response["Location"] == queue
    asked.refresh_from_db()
    assert asked.status == "supervisor_approved"
    client.force_login(world.b.supervisor_user)
    assert "Bureaustoel" not in client.get(queue).content.decode()


def test_the_team_view_shows_this_week_and_next(client, world):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    tuesday, next_thursday = monday + timedelta(days=1), monday + timedelta(days=10)
    RegistrationFactory(employee=world.a.employee, date=tuesday, location="home")
    RegistrationFactory(employee=world.a.employee, date=next_thursday, part="am", location="office")
    RegistrationFactory(employee=world.b.employee, date=tuesday, location="absent")
    client.force_login(world.a.supervisor_user)
    page = " ".join(client.get(reverse("selfservice:team")).content.decode().split())
    assert "Deze week" in page and "Volgende week" in page
    assert "Eva MedewerkerAIV" in page and "MedewerkerDKB" not in page
    assert "thuis" in page and "voormiddag: kantoor" in page
    assert "afwezig" not in page
    assert "(gepland)" in page
