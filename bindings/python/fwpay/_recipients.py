"""client.recipients: who receives payments."""
from __future__ import annotations

import ctypes
from typing import Any

from ._bridge import call_options, c_count, c_string, call
from ._native import lib


class Recipients:
    """Recipients (portals), with their fields, billing currency and amount limits."""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self._handle = handle

    def list(self, *, page: int | None = None, per_page: int | None = None) -> dict[str, Any]:
        """One page of the recipients available to you (GET /recipients):
        ``{"recipients": [...], "page", "per_page", "total_entries", "total_pages"}``."""
        return call(lib.fwp_recipient_list, self._handle, c_count(page, "page"), c_count(per_page, "per_page"))  # type: ignore[no-any-return]

    def get(self, recipient_id: str) -> dict[str, Any]:
        """A recipient's details (GET /recipients/{id}); NotFoundError when unknown."""
        return call(lib.fwp_recipient_get, self._handle, c_string(recipient_id, "recipient_id"))  # type: ignore[no-any-return]
