"""client.offers: prices for paying an amount from a country."""
from __future__ import annotations

import ctypes
from typing import Any

from ._bridge import call_options, c_int64, c_string, call
from ._native import lib


class Offers:
    """Offers: one per payment method, priced in the payer's currency."""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self._handle = handle

    def list(self, *, recipient: str, amount: int, country: str) -> dict[str, Any]:
        """Offers for paying ``amount`` (subunits of the recipient's billing currency: USD
        120.25 is 12025) to ``recipient`` from ``country`` (ISO 3166 alpha-2), as
        ``{"offers": [...]}``. An order using an offer must have the same payer country."""
        return call(lib.fwp_offer_list, self._handle, c_string(recipient, "recipient"),  # type: ignore[no-any-return]
                    c_int64(amount, "amount"), c_string(country, "country"))
