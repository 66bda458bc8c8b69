"""Value conventions of the dataset: exact money, pence, deterministic ids."""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def stable_id(*parts: object) -> str:
    """Deterministic 16-hex-digit id from ``parts`` (same input, same id, every build).

    >>> stable_id("pcd-1", 3, "£5m")
    'f64b3305f43bef19'
    """
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:16]


def pence(value: Decimal) -> int:
    """Pounds → whole pence, rounding half away from zero.

    >>> pence(Decimal("1.183E+6")), pence(Decimal("-0.005"))
    (118300000, -1)
    """
    return int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))


def money(value: Decimal) -> Decimal:
    """Pounds rounded to pence, as stored in ``decimal128(18, 2)`` columns.

    >>> money(Decimal("1.183E+6"))
    Decimal('1183000.00')
    """
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
