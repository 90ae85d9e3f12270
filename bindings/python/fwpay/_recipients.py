"""client.recipients: who receives payments."""
from __future__ import annotations

import builtins
from typing import Any

from ._bridge import c_count, c_string, call, call_options
from . import types
from ._native import lib
from ._pages import PageIterator
from ._service import Json, Service


class Recipients(Service):
    """Recipients (portals), with their fields, billing currency and amount limits."""

    def list(self, *, per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> PageIterator[types.Recipient]:
        """Every recipient available to you, page after page."""
        return self._iterate("recipients", {}, per_page, timeout, max_retries)

    def page(self, *, page: int | None = None, per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.RecipientPage:
        """One page (GET /recipients): ``{"recipients": [...], "page", "per_page", "total_entries", "total_pages"}``."""
        return call(lib.fwp_recipient_list, self._handle, c_count(page, "page"),  # type: ignore[no-any-return]
                    c_count(per_page, "per_page", 100), options=call_options(None, timeout, max_retries))

    def get(self, recipient_id: str, *, timeout: float | None = None, max_retries: int | None = None) -> types.Recipient:
        """A recipient's details (GET /recipients/{id}): fields (with ``required``) and amount limits."""
        return call(lib.fwp_recipient_get, self._handle, c_string(recipient_id, "recipient_id"),  # type: ignore[no-any-return]
                    options=call_options(None, timeout, max_retries))

    def search(self, name: str, *, timeout: float | None = None, max_retries: int | None = None) -> builtins.list[types.Recipient]:
        """Every recipient whose name or id contains ``name``, ignoring case and accents."""
        found = call(lib.fwp_recipient_search, self._handle, c_string(name, "name"), options=call_options(None, timeout, max_retries))
        return list(found["recipients"])
