"""The monthly computation of RULES.md, set-based over Polars frames (no loop per employee or day).

CONTRACT (callers rely on it; keep it stable):

    compute_ledger(
        months: list[date],            # first days of the months to compute, ascending
        employment: pl.DataFrame,      # employee:i64, entity:i64, start_date:date, end_date:date (null = open)
        registrations: pl.DataFrame,   # employee:i64, date:date, location:str, part:str
        agreements: pl.DataFrame,      # employee:i64, valid_from:date, valid_to:date (null = open); approved only
        internet_options: pl.DataFrame,# employee:i64, option:str, valid_from:date
        invoices: pl.DataFrame,        # employee:i64, month:date (first day), amount_cents:i64
        parameters: ParameterSet,
    ) -> LedgerComputation

    LedgerComputation.facts: one row per employee and month with at least one employed day:
        employee:i64, month:date, entity:i64, last_employed_day:date, employed_days:i64,
        absent_days:f64, present_days:f64, home_days:f64, has_agreement:bool, internet_option:str,
        internet_required:f64, homework_required:f64
    LedgerComputation.lines: one row per employee, month and measure that is due:
        employee:i64, month:date, measure:str (INTERNET_FORFAIT | INTERNET_THIRD_PARTY | INTERNET_BIK |
        HOMEWORK), entity:i64, employee_amount_cents:i64, employer_cost_cents:i64,
        explanation:str (a JSON object: the month facts and the parameter values used, each value
        with its effective_from)
    LedgerComputation.unmatched_invoices: invoices of the computed months without a due
        INTERNET_THIRD_PARTY line: employee:i64, month:date, amount_cents:i64
    LedgerComputation.missing_invoices: INTERNET_THIRD_PARTY lines without any invoice (cost 0.00):
        employee:i64, month:date

Frames may hold rows outside `months` (e.g. all registrations of a year); the engine ignores them.
"""
