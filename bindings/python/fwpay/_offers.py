"""client.offers: prices for paying an amount from a country."""
from __future__ import annotations

from ._bridge import c_int64, c_string, call, call_options
from . import types
from ._native import lib
from ._service import Json, Service


class Offers(Service):
    """Offers: one per payment method, priced in the payer's currency."""

    def list(self, *, recipient: str, amount: int, country: str, timeout: float | None = None, max_retries: int | None = None) -> types.OfferList:
        """Offers for paying ``amount`` (subunits of the recipient's billing currency: USD
        120.25 is 12025) to ``recipient`` from ``country`` (ISO 3166 alpha-2), as
        ``{"offers": [...]}``. An order using an offer must have the same payer country."""
        return call(lib.fwp_offer_list, self._handle, c_string(recipient, "recipient"),  # type: ignore[no-any-return]
                    c_int64(amount, "amount"), c_string(country, "country"), options=call_options(None, timeout, max_retries))
