"""Calls awaited without a thread each (fwp_call_start): the library sends them from the
client's I/O thread, and their ends wait in a completion queue whose descriptor the event loop
watches (``loop.add_reader``), as grpc.aio does. One queue per event loop, so that several
loops in one process (threads, pytest-asyncio) each get their own ends.
"""
from __future__ import annotations

import asyncio
import contextvars
import ctypes
import itertools
import json
import logging
import os
import weakref
from typing import Any

from . import _abi
from ._bridge import arguments_text, error_of, with_response
from ._native import FwpCompletion, FwpError, lib

_logger = logging.getLogger("fwpay")

#: Tags unique in the process (never 0, which the library's events give blocking calls), so
#: that telemetry finds the context a call was started in from its events' tag.
_tags = itertools.count(1)
#: The contexts of started calls in flight, by tag: read by the telemetry callback on the
#: library's I/O thread (a dict lookup is atomic under the GIL).
started_contexts: dict[int, contextvars.Context] = {}


class _LoopQueue:
    """The completion queue of one event loop, and the futures of its calls in flight."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._pid = os.getpid()
        self._queue = ctypes.c_void_p()
        lib.fwp_queue_new(ctypes.byref(self._queue), FwpError())
        self._descriptor = lib.fwp_queue_fd(self._queue)
        #: tag -> (future, client handle, call id)
        self._pending: dict[int, tuple[asyncio.Future[Any], Any, int]] = {}
        self._done = FwpCompletion()
        self._done.version = _abi.FWP_COMPLETION_VERSION
        loop.add_reader(self._descriptor, self._take)
        weakref.finalize(self, _release, self._queue.value)

    def belongs_here(self) -> bool:
        """False in a child of fork(): the loop's reader and the queue are the parent's."""
        return self._pid == os.getpid()

    def start(self, handle: Any, operation: str, request: bytes) -> asyncio.Future[Any]:
        call = ctypes.c_uint64()
        # Refused arguments raise here (errcheck), and nothing is started.
        return self._started(handle, lambda tag: lib.fwp_call_start(handle, operation.encode(), request, len(request),
                                                                    self._queue, tag, ctypes.byref(call), FwpError()),
                             lambda: call.value)

    def step(self, iterator: Any) -> asyncio.Future[Any]:
        """The next item of a list iterator (None at the end), its page fetched by the library."""
        return self._started(None, lambda tag: lib.fwp_iter_next_start(iterator, self._queue, tag, FwpError()), lambda: 0)

    def _started(self, handle: Any, start: Any, call_id: Any) -> asyncio.Future[Any]:
        loop = asyncio.get_running_loop()
        tag = next(_tags)
        started_contexts[tag] = contextvars.copy_context()
        try:
            start(tag)
        except BaseException:
            del started_contexts[tag]
            raise
        future: asyncio.Future[Any] = loop.create_future()
        self._pending[tag] = (future, handle, call_id())
        future.add_done_callback(lambda ended: self._cancel(tag) if ended.cancelled() else None)
        return future

    def _cancel(self, tag: int) -> None:
        """An awaiting task was cancelled: the library frees what the call holds; its end still
        comes, and a money-moving request that was already sent is logged as outcome-unknown."""
        entry = self._pending.get(tag)
        if entry is not None and entry[2]:  # an iterator's step is not cancelled: its page comes and is dropped
            lib.fwp_call_cancel(entry[1], entry[2])

    def _take(self) -> None:
        done = self._done
        while lib.fwp_queue_take(self._queue, ctypes.byref(done)) == 1:
            started_contexts.pop(done.tag, None)
            entry = self._pending.pop(done.tag, None)
            if entry is None:
                continue
            future = entry[0]
            if future.cancelled():
                if done.code == _abi.FWP_E_OUTCOME_UNKNOWN:
                    _logger.warning("fwpay: a cancelled call may have taken effect: %s",
                                    done.error.message.decode("utf-8", "replace"))
                continue
            if done.code == _abi.FWP_OK:
                value = json.loads(ctypes.string_at(done.answer)) if done.answer else None
                future.set_result(with_response(value, done.error))
            else:
                future.set_exception(error_of(done.code, done.error))
        lib.fwp_completion_clear(ctypes.byref(done))


def _release(queue: int | None) -> None:
    if queue:
        lib.fwp_queue_free(queue)


_queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopQueue] = weakref.WeakKeyDictionary()


def _loop_queue() -> _LoopQueue:
    loop = asyncio.get_running_loop()
    queue = _queues.get(loop)
    if queue is None or not queue.belongs_here():
        queue = _queues[loop] = _LoopQueue(loop)
    return queue


def step(iterator: Any) -> asyncio.Future[Any]:
    """The next item of an fwp_iter (None at the end), fetched without a thread."""
    return _loop_queue().step(iterator)


def start_text(handle: Any, operation: str, arguments: dict[str, Any], idempotency_key: str | None,
               timeout: float | None, max_retries: int | None) -> asyncio.Future[Any]:
    """Starts one operation of the text interface; the future gets its answer (with its
    ``response``) or its exception, as call_text would give or raise."""
    return _loop_queue().start(handle, operation, arguments_text(arguments, idempotency_key, timeout, max_retries))
