"""client.sessions: checkout sessions."""
from __future__ import annotations

from ._bridge import c_string, call, call_options, json_value
from . import types
from ._native import lib
from ._orders import body_dict
from ._service import Json, Service


class Sessions(Service):
    """Checkout sessions (seed 003): create one, show its hosted form, confirm it."""

    def create(self, body: types.SessionCreate, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.Session:
        """Creates a session of any type (POST /checkout/sessions): ``{"id",
        "expires_in_seconds", "hosted_form": {"url", "method"}, "warnings"}``. Only what
        is certainly invalid is refused before sending (item amounts, the 50-character limits);
        types and intents are the server's to judge (a ``one_off`` pre-authorization is sent as
        it is), and an ``order_id`` session needs no ``items``."""
        with json_value(body_dict(body), "body") as value:
            return call(lib.fwp_session_create, self._handle, value,  # type: ignore[no-any-return]
                        options=call_options(idempotency_key, timeout, max_retries))

    def confirm(self, session: str, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.ConfirmedSession:
        """Confirms a session after the payer sent the form and answers its payment (made when
        the payer sent the form), or the saved card of a session that only tokenizes. ``session``
        is the session id or the postMessage's ``confirm_url["url"]`` (which must lie under
        the client's base URL): ``{"payment_reference", "charge_info", "payment_method", "mandate"}``."""
        return call(lib.fwp_session_confirm, self._handle, c_string(session, "session"),  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout, max_retries))
