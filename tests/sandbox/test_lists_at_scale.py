"""Lists past one block of the sandbox's list tally (issue 21): seeded with `--bulk-seed`, every
page of every list and filter (payments, orders, refunds, bundles, notifications, the
dashboard and its search) holds exactly the rows of the whole list filtered here, in the same
order, with an exact total, at odd page sizes, with a second client's rows in between, and
after status changes and a reset."""
from __future__ import annotations

import pathlib
import re
import sys
from typing import Any, Callable

import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))
sys.path.insert(0, str(ROOT))

import fwpay  # noqa: E402
from conftest import start_sandbox, stop_sandbox  # noqa: E402
from helpers import order_body  # noqa: E402

SEEDED = 5_000  # rowids over two blocks of 4,096
Page = Callable[..., Any]


def every(page: Page, key: str, per_page: int = 100, **filters: Any) -> list[Any]:
    """A list page after page through `page`, checking each page's envelope."""
    first = page(page=1, per_page=per_page, **filters)
    total, pages = first["total_entries"], first["total_pages"]
    assert pages == max(1, -(-total // per_page)), first
    items = list(first[key])
    for number in range(2, pages + 1):
        answer = page(page=number, per_page=per_page, **filters)
        assert answer["total_entries"] == total and answer["page"] == number
        items += answer[key]
    assert len(items) == total, (filters, len(items), total)
    assert page(page=pages + 1, per_page=per_page, **filters)[key] == []
    return items


def same_pages(page: Page, key: str, expected: list[Any], identity: str, walk: bool = True, **filters: Any) -> None:
    """`page` with `filters` lists `expected` exactly: all of it at 100 a page (unless `expected`
    is that walk), and single pages at 37 a page in the middle and at the end."""
    ids = [item[identity] for item in expected]
    if walk:
        assert [item[identity] for item in every(page, key, **filters)] == ids, filters
    for per_page in (37,):
        last = max(1, -(-len(ids) // per_page))
        for number in sorted({(last + 1) // 2, last}):
            answer = page(page=number, per_page=per_page, **filters)
            assert answer["total_entries"] == len(ids), (filters, per_page)
            assert [item[identity] for item in answer[key]] == ids[(number - 1) * per_page:number * per_page], (filters, per_page, number)


def check_payments(client: fwpay.Client, by_recipient: bool = True) -> list[Any]:
    payments = every(client.payments.page, "payments")
    assert len({p["payment_id"] for p in payments}) == len(payments)
    statuses = {p["status"] for p in payments}
    recipients = {p["recipient_id"] for p in payments}
    assert len(statuses) >= 5 and len(recipients) >= 4, (statuses, recipients)
    same_pages(client.payments.page, "payments", payments, "payment_id", walk=False)
    for status in sorted(statuses):
        same_pages(client.payments.page, "payments", [p for p in payments if p["status"] == status], "payment_id", status=status)
    for recipient in sorted(recipients) if by_recipient else ():
        mine = [p for p in payments if p["recipient_id"] == recipient]
        same_pages(client.payments.page, "payments", mine, "payment_id", recipient=recipient)
        same_pages(client.payments.page, "payments", [p for p in mine if p["status"] == "delivered"], "payment_id",
                   recipient=recipient, status="delivered")
    return payments


def check_orders(client: fwpay.Client) -> None:
    orders = every(client.orders.page, "orders")
    same_pages(client.orders.page, "orders", orders, "id", walk=False)
    for status in ("open", "charged"):
        same_pages(client.orders.page, "orders", [o for o in orders if o["status"] == status], "id", status=status)
    fwu = [o for o in orders if o["recipient"]["id"] == "FWU"]
    same_pages(client.orders.page, "orders", fwu, "id", recipient="FWU")
    same_pages(client.orders.page, "orders", fwu, "id", country="US")  # FWU is the only recipient in the US
    same_pages(client.orders.page, "orders", [o for o in fwu if o["status"] == "open"], "id", country="US", status="open")
    assert client.orders.page(recipient="FWU", country="ES")["total_entries"] == 0


def check_refunds_and_bundles(client: fwpay.Client) -> None:
    refunds = every(client.refunds.page, "refunds")
    assert len(refunds) >= 80
    same_pages(client.refunds.page, "refunds", refunds, "refund_id", walk=False)
    for status in sorted({r["status"] for r in refunds}):
        same_pages(client.refunds.page, "refunds", [r for r in refunds if r["status"] == status], "refund_id", status=status)
    bundles = every(client.bundles.page, "refund_bundles", per_page=3)
    same_pages(client.bundles.page, "refund_bundles", bundles, "bundle_id", walk=False)
    assert sum(len(b["refunds"]) for b in bundles) == len(refunds)


def sign_in(base_url: str, api_key: str) -> tuple[requests.Session, str]:
    root = base_url.removesuffix("/payments/v1")
    browser = requests.Session()
    answer = browser.post(f"{root}/sign-in", data={"api_key": api_key}, allow_redirects=False)
    assert answer.status_code == 303, answer.text
    return browser, root


def dashboard(browser: requests.Session, root: str, **query: Any) -> tuple[int, list[str]]:
    """The total a dashboard page states and the references it lists."""
    answer = browser.get(f"{root}/dashboard", params=query)
    assert answer.status_code == 200, answer.text
    total = int(re.search(r'id="payment-count"[^>]*>(\d+) payment', answer.text).group(1))
    return total, re.findall(r'href="/dashboard/payments/([A-Z0-9]+)"', answer.text)


def test_pages_and_totals_stay_exact_at_any_position(tmp_path: pathlib.Path) -> None:
    sandbox = start_sandbox(tmp_path, ("--bulk-seed", str(SEEDED)))
    try:
        with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client, \
                fwpay.Client(api_key=sandbox.second_api_key, base_url=sandbox.base_url) as other:
            assert client.payments.page()["total_entries"] == SEEDED
            assert other.payments.page()["total_entries"] == 0  # the seed is the demo client's
            # Rows of both clients after the seed, interleaved; some orders stay open.
            for index in range(12):
                for who in (client, other):
                    order = who.orders.create(order_body(who, amount=120000 + index))
                    if index % 3:
                        who.orders.charge(order["id"])
            payments = check_payments(client)
            assert len(payments) == SEEDED + 8
            assert [p["payment_id"] for p in every(other.payments.page, "payments")] == \
                [p["payment_id"] for p in every(other.payments.page, "payments", per_page=3)]
            check_orders(client)
            check_refunds_and_bundles(client)
            notifications = every(lambda **q: client.sandbox._call(
                "sandbox_notifications", {"parameters": {"page": q["page"], "per_page": q["per_page"]}}), "notifications")
            assert len(notifications) >= SEEDED
            one = notifications[1234]
            assert [n["id"] for n in client.sandbox.notifications(resource_id=one["resource_id"])] == \
                [n["id"] for n in notifications if n["resource_id"] == one["resource_id"]]
            assert [n["id"] for n in notifications] == sorted((n["id"] for n in notifications), reverse=True)

            # Status changes move rows between the filtered lists, in every block.
            onward = {"initiated": "failed", "processed": "failed", "guaranteed": "delivered", "delivered": "reversed",
                      "cancelled": "initiated"}
            moved = [p for p in payments[::53] if p["status"] in onward]
            assert len(moved) >= 50
            for payment in moved:
                client.sandbox.transition(payment["payment_id"], onward[payment["status"]])
            payments = check_payments(client, by_recipient=False)

            browser, root = sign_in(sandbox.base_url, sandbox.api_key)
            assert dashboard(browser, root) == (len(payments), [p["payment_id"] for p in payments[:20]])
            failed = [p["payment_id"] for p in payments if p["status"] == "failed"]
            last = -(-len(failed) // 20)
            assert dashboard(browser, root, status="failed", page=last) == (len(failed), failed[(last - 1) * 20:])
            # The search: part of a reference or of an external reference, any case; three
            # characters and more go through the trigram index, fewer through a scan.
            target = payments[4321]
            assert dashboard(browser, root, q=target["payment_id"][2:].lower()) == (1, [target["payment_id"]])
            wanted = [p["payment_id"] for p in payments if "bulk-123" in (p.get("external_reference") or "").lower()]
            assert len(wanted) == 11  # BULK-123 and BULK-1230 to BULK-1239
            assert dashboard(browser, root, q="bulk-123") == (11, wanted)
            assert dashboard(browser, root, q='"x') == (0, [])
            short = [p["payment_id"] for p in payments if "9" in p["payment_id"] or "9" in (p.get("external_reference") or "")]
            assert dashboard(browser, root, q="9")[0] == len(short)

            # A reset empties the tally with the rows.
            client.sandbox.reset()
            for page in (client.payments.page, client.orders.page, client.refunds.page, client.bundles.page):
                assert page()["total_entries"] == 0
            assert other.payments.page()["total_entries"] == 8
    finally:
        stop_sandbox(sandbox)
