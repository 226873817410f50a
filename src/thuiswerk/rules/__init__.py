"""The pure domain: calendar, parameters, month facts, eligibility and amounts.

Polars and the standard library only; no Django import, so it can be tested and benchmarked alone.
"""
