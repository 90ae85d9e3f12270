"""Loading libfwpay and declaring every C function the package calls: argument types and
result type. The types of the ABI come from _abi (generated from the C header).

The library is found, in order, at $FWPAY_LIBRARY, next to this file (where `make lib` and
`pip install` put it), then by the system's library search.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import POINTER, c_char_p, c_int, c_int64, c_size_t, c_uint64, c_void_p
from typing import Any

from . import _abi

from ._abi import fwp_call_options as FwpCallOptions
from ._abi import fwp_client_options as FwpClientOptions
from ._abi import fwp_completion as FwpCompletion
from ._abi import fwp_error as FwpError
from ._abi import fwp_log_callback as LOG_CALLBACK

__all__ = ["FwpCallOptions", "FwpClientOptions", "FwpCompletion", "FwpError", "LOG_CALLBACK", "CHECKED", "lib"]


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
    raise ImportError(f"fwpay: libfwpay.so was not found: {_FIX}")


# What makes a libfwpay loadable, named wherever none loads.
_FIX = (f"install the fwpay wheel (manylinux, x86-64), which carries it and the libraries it needs, or the "
        f"system's libfwpay.so.{_abi.FWP_VERSION_MAJOR}.{_abi.FWP_VERSION_MINOR} (apt install "
        f"libfwpay{_abi.FWP_VERSION_MAJOR}.{_abi.FWP_VERSION_MINOR}), or set FWPAY_LIBRARY; from a checkout, `make lib`")


def _load() -> ctypes.CDLL:
    path = _find_library()
    try:
        return ctypes.CDLL(path)
    except OSError as error:
        raise ImportError(f"fwpay: {path} could not be loaded ({error}): {_FIX}") from error


lib = _load()


def _check_version() -> None:
    """Refuses a library of another major.minor than the package's: before 1.0 each minor
    release may change the ABI, and ctypes would call it with the wrong layouts."""
    lib.fwp_version.restype = c_char_p
    loaded = (lib.fwp_version() or b"?").decode()
    if loaded.split(".")[:2] != _abi.FWP_VERSION_STRING.split(".")[:2]:
        raise ImportError(f"fwpay {_abi.FWP_VERSION_STRING} needs libfwpay {_abi.FWP_VERSION_MAJOR}.{_abi.FWP_VERSION_MINOR}.x, "
                          f"but {lib._name} is libfwpay {loaded} (FWPAY_LIBRARY={os.environ.get('FWPAY_LIBRARY', '')!r})")


_check_version()

_client = c_void_p   # fwp_client *
_iter = c_void_p     # fwp_iter *
_err = POINTER(FwpError)

# (name, argtypes): every function here returns an FWP_ code and takes an fwp_error last
# (the operations go through fwp_call: their typed functions are for C);
# _bridge gives them the errcheck that raises the code's exception.
_CHECKED: list[tuple[str, list[Any]]] = [
    ("fwp_client_new_with_options", [POINTER(FwpClientOptions), POINTER(c_void_p), _err]),
    ("fwp_call", [_client, c_char_p, c_char_p, c_size_t, POINTER(c_void_p), _err]),  # char ** as void **: fwp_free
    ("fwp_call_start", [_client, c_char_p, c_char_p, c_size_t, c_void_p, c_uint64, POINTER(c_uint64), _err]),
    ("fwp_queue_new", [POINTER(c_void_p), _err]),
    ("fwp_iter_new_json", [_client, c_char_p, c_char_p, c_size_t, POINTER(c_void_p), _err]),
    ("fwp_iter_next_json", [_iter, POINTER(c_void_p), _err]),  # char ** as void **: freed with fwp_free
    ("fwp_iter_next_start", [_iter, c_void_p, c_uint64, _err]),
    ("fwp_notification_verify", [c_char_p, c_size_t, c_char_p, c_char_p, _err]),
    ("fwp_notification_sign", [c_char_p, c_size_t, c_char_p, POINTER(c_void_p), _err]),
    ("fwp_notification_parse_json", [c_char_p, c_size_t, POINTER(c_void_p), _err]),  # char ** as void **: fwp_free
]

# Functions without an fwp_error: (name, argtypes, restype).
_PLAIN: list[tuple[str, list[Any], Any]] = [
    ("fwp_version", [], c_char_p),          # static string: copied by ctypes, nothing to free
    ("fwp_strerror", [c_int], c_char_p),    # static string
    ("fwp_global_init", [], c_int),
    ("fwp_client_options_init", [POINTER(FwpClientOptions)], c_int),
    ("fwp_client_free", [_client], None),
    ("fwp_iter_free", [_iter], None),
    ("fwp_error_clear", [_err], None),
    ("fwp_free", [c_void_p], None),
    ("fwp_ca_bundle", [], c_void_p),         # a string to release with fwp_free, or NULL
    ("fwp_error_json", [_err, POINTER(c_void_p)], c_int),  # the error's kind, refined by the core
    ("fwp_queue_fd", [c_void_p], c_int),
    ("fwp_queue_take", [c_void_p, POINTER(FwpCompletion)], c_int),  # 1 taken, 0 none waits
    ("fwp_queue_free", [c_void_p], None),
    ("fwp_completion_clear", [POINTER(FwpCompletion)], None),
    ("fwp_call_cancel", [_client, c_uint64], c_int),
]

for _name, _argtypes in _CHECKED:
    _function = getattr(lib, _name)
    _function.argtypes = _argtypes
    _function.restype = c_int
#: The functions that return an FWP_ code and take an fwp_error last.
CHECKED = [name for name, _ in _CHECKED]
for _name, _argtypes, _restype in _PLAIN:
    _function = getattr(lib, _name)
    _function.argtypes = _argtypes
    _function.restype = _restype

if lib.fwp_global_init() != 0:
    raise ImportError("libfwpay could not initialise libcurl")
