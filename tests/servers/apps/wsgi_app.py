"""A WSGI app as users write one: one fwpay.Client at module level, loaded before the server
forks (gunicorn --preload, uWSGI's default). GET /order?ref=R creates an order with external
reference R and answers it."""
from __future__ import annotations

import urllib.parse
from typing import Any, Callable, Iterable

from orders import answer, create_order, shared_client

CLIENT = shared_client()


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    reference = query.get("ref", [""])[0]
    try:
        body, status = answer(create_order(CLIENT, reference)), "200 OK"
    except Exception as error:  # the test reports what went wrong
        body, status = repr(error).encode(), "500 Internal Server Error"
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


application = app
