"""Proxies: a client's ``proxy`` sends every request through it (a forward proxy on loopback,
conftest.forward_proxy, sees each call and passes it on), ``no_proxy`` names the hosts reached directly, "" turns
proxies off; a proxy's credentials never show in the library's log lines or errors."""
from __future__ import annotations

from typing import Any

import pytest

import fwpay


def test_every_request_goes_through_the_proxy_given(sandbox: Any, forward_proxy: tuple[str, list[str]]) -> None:
    url, seen = forward_proxy
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, proxy=url, no_proxy="") as client:
        assert client.recipients.get("FWU")["id"] == "FWU"
        order = client.orders.create({"payer": {"first_name": "P", "country": "ES"},
                                      "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
                                      "items": [{"id": "t", "amount": 120000}],
                                      "offer": {"id": client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]["id"]}})
    assert f"GET {sandbox.base_url}/recipients/FWU -" in seen, seen
    assert f"POST {sandbox.base_url}/orders -" in seen and order["id"], seen


def test_no_proxy_and_an_empty_proxy_go_direct(sandbox: Any, forward_proxy: tuple[str, list[str]]) -> None:
    url, seen = forward_proxy
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, proxy=url, no_proxy="127.0.0.1") as client:
        assert client.recipients.get("FWU")["id"] == "FWU"
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, proxy="") as client:
        assert client.recipients.get("FWU")["id"] == "FWU"
    assert seen == []


def test_a_proxys_credentials_never_show(sandbox: Any, forward_proxy: tuple[str, list[str]], fwpay_log: list[str]) -> None:
    url, seen = forward_proxy
    lines = fwpay_log
    with_credentials = url.replace("http://", "http://proxyuser:s3cret-pw@")
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, proxy=with_credentials, no_proxy="") as client:
        assert client.recipients.get("FWU")["id"] == "FWU"
    with pytest.raises(fwpay.InvalidArgumentError) as refused:
        fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, proxy="ftp://proxyuser:s3cret-pw@proxy")
    assert seen and seen[0].endswith("Basic cHJveHl1c2VyOnMzY3JldC1wdw=="), seen  # sent to the proxy only
    assert lines and not [line for line in lines if "s3cret" in line], lines
    assert "s3cret" not in str(refused.value)
