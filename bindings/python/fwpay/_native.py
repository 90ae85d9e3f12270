"""Loading libfwpay and declaring every C function used, with its argument and result types.

The library is found, in order, at $FWPAY_LIBRARY, next to this file (where `make lib` and
`pip install` put it), then by the system's library search.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import POINTER, c_char, c_char_p, c_int, c_int64, c_long, c_size_t, c_void_p

ERROR_MESSAGE_SIZE = 512
ERROR_ID_SIZE = 128
CLIENT_OPTIONS_VERSION = 1


class FwpError(ctypes.Structure):
    """Mirror of `fwp_error` in include/fwpay.h."""

    _fields_ = [
        ("code", c_int),
        ("http_status", c_int),
        ("curl_code", c_int),
        ("message", c_char * ERROR_MESSAGE_SIZE),
        ("request_id", c_char * ERROR_ID_SIZE),
        ("idempotency_key", c_char * ERROR_ID_SIZE),
        ("errors", c_void_p),
    ]


LOG_CALLBACK = ctypes.CFUNCTYPE(None, c_int, c_char_p, c_void_p)


class FwpClientOptions(ctypes.Structure):
    """Mirror of `fwp_client_options` in include/fwpay.h."""

    _fields_ = [
        ("version", c_int),
        ("base_url", c_char_p),
        ("api_key", c_char_p),
        ("connect_timeout_ms", c_long),
        ("timeout_ms", c_long),
        ("max_retries", c_int),
        ("allow_insecure_http", c_int),
        ("log_callback", LOG_CALLBACK),
        ("log_userdata", c_void_p),
        ("log_level", c_int),
        ("max_idle_connection_ms", c_long),
    ]


CALL_OPTIONS_VERSION = 1


class FwpCallOptions(ctypes.Structure):
    """Mirror of `fwp_call_options` in include/fwpay.h."""

    _fields_ = [
        ("version", c_int),
        ("idempotency_key", c_char_p),
        ("timeout_ms", c_long),
        ("max_retries", c_int),
    ]


def _find_library() -> str:
    override = os.environ.get("FWPAY_LIBRARY")
    if override:
        return override
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libfwpay.so")
    if os.path.exists(bundled):
        return bundled
    found = ctypes.util.find_library("fwpay")
    if found:
        return found
    raise ImportError(
        "libfwpay.so was not found: set FWPAY_LIBRARY, or build it with `make lib` "
        "before installing the package"
    )


lib = ctypes.CDLL(_find_library())

_json_p = c_void_p  # json_t *: opaque to Python
_client_p = c_void_p  # fwp_client *
_err_p = POINTER(FwpError)
_out_json = POINTER(c_void_p)
_opts = POINTER(FwpCallOptions)

# (name, argtypes, restype) of every function this package calls.
_PROTOTYPES: list[tuple[str, list[type], type | None]] = [
    ("fwp_version", [], c_char_p),  # static string: c_char_p copies it, nothing to free
    ("fwp_strerror", [c_int], c_char_p),
    ("fwp_global_init", [], c_int),
    ("fwp_client_options_init", [POINTER(FwpClientOptions)], c_int),
    ("fwp_client_new_with_options", [POINTER(FwpClientOptions), POINTER(c_void_p), _err_p], c_int),
    ("fwp_client_free", [_client_p], None),
    ("fwp_error_clear", [_err_p], None),
    ("fwp_json_parse", [c_char_p, c_size_t, _out_json, _err_p], c_int),
    # Returns malloc'd text through a char **: declared as void ** so ctypes does not copy
    # the pointer away before fwp_free can release it.
    ("fwp_json_dump", [_json_p, POINTER(c_void_p), _err_p], c_int),
    ("fwp_json_release", [_json_p], None),
    ("fwp_free", [c_void_p], None),
    ("fwp_recipient_list", [_client_p, c_int, c_int, _opts, _out_json, _err_p], c_int),
    ("fwp_recipient_get", [_client_p, c_char_p, _opts, _out_json, _err_p], c_int),
    ("fwp_recipient_search", [_client_p, c_char_p, _opts, _out_json, _err_p], c_int),
    ("fwp_offer_list", [_client_p, c_char_p, c_int64, c_char_p, _opts, _out_json, _err_p], c_int),
    ("fwp_order_create", [_client_p, _json_p, _opts, _out_json, _err_p], c_int),
    ("fwp_order_update", [_client_p, c_char_p, _json_p, _opts, _out_json, _err_p], c_int),
    ("fwp_order_charge", [_client_p, c_char_p, _json_p, _opts, _out_json, _err_p], c_int),
    ("fwp_order_get", [_client_p, c_char_p, _opts, _out_json, _err_p], c_int),
    ("fwp_request", [_client_p, c_char_p, c_char_p, _json_p, _opts, _out_json, _err_p], c_int),
]

for _name, _argtypes, _restype in _PROTOTYPES:
    _function = getattr(lib, _name)
    _function.argtypes = _argtypes
    _function.restype = _restype

if lib.fwp_global_init() != 0:
    raise ImportError("libfwpay could not initialise libcurl")
