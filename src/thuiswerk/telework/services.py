"""Writes of agreements, registrations, internet options and invoices (admin, web app, API): audited."""

from thuiswerk.audit.services import instance_delete, instance_save

from .models import Agreement, InternetOption, Registration, ThirdPartyInvoice


def agreement_save(*, agreement: Agreement, actor: str, reason: str = "") -> Agreement:
    return instance_save(instance=agreement, actor=actor, reason=reason)


def agreement_delete(*, agreement: Agreement, actor: str, reason: str = "") -> None:
    instance_delete(instance=agreement, actor=actor, reason=reason)


def registration_save(*, registration: Registration, actor: str, reason: str = "") -> Registration:
    return instance_save(instance=registration, actor=actor, reason=reason)


def registration_delete(*, registration: Registration, actor: str, reason: str = "") -> None:
    instance_delete(instance=registration, actor=actor, reason=reason)


def internet_option_save(
    *, internet_option: InternetOption, actor: str, reason: str = ""
) -> InternetOption:
    return instance_save(instance=internet_option, actor=actor, reason=reason)


def internet_option_delete(
    *, internet_option: InternetOption, actor: str, reason: str = ""
) -> None:
    instance_delete(instance=internet_option, actor=actor, reason=reason)


def invoice_save(*, invoice: ThirdPartyInvoice, actor: str, reason: str = "") -> ThirdPartyInvoice:
    return instance_save(instance=invoice, actor=actor, reason=reason)


def invoice_delete(*, invoice: ThirdPartyInvoice, actor: str, reason: str = "") -> None:
    instance_delete(instance=invoice, actor=actor, reason=reason)
