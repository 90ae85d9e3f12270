"""The sandbox's web pages in a real browser (headless chromium): the merchant's Create
Session page, the payer's hosted form embedded in a merchant page, and the Payment Dashboard,
with the session confirmed through the Python package in between. Each test starts its own
sandbox (conftest.py at the root) and writes screenshots to build/screenshots."""
from __future__ import annotations

import http.server
import threading
import pathlib
import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bindings" / "python" / "tests"))

import fwpay  # noqa: E402
from helpers import control, order_body, paid_order  # noqa: E402

PHONE = (390, 844)


def root(sandbox: Any) -> str:
    return str(sandbox.base_url).removesuffix("/payments/v1")


def client_for(sandbox: Any) -> fwpay.Client:
    return fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url)


def sign_in(browser: webdriver.Chrome, sandbox: Any, page: str = "/dashboard") -> None:
    browser.get(root(sandbox) + page)
    assert "/sign-in" in browser.current_url
    browser.find_element(By.ID, "api_key").send_keys(sandbox.api_key)
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    WebDriverWait(browser, 10).until(lambda b: "/sign-in" not in b.current_url)


def follow(browser: webdriver.Chrome, element: Any) -> None:
    """Clicks a link or button (or presses Enter in a field) and waits for the next page."""
    page = browser.find_element(By.TAG_NAME, "html")
    if element.tag_name in ("a", "button"):
        element.click()
    else:
        element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda _: is_gone(page))


def is_gone(element: Any) -> bool:
    """Whether the page holding `element` has been replaced. Chromedriver reports a node of a
    page it is discarding as "does not belong to the document" rather than as stale (seen once
    the sandbox answered fast enough to replace the page during the check)."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error.msg):
            return True
        raise


def text(browser: webdriver.Chrome, element_id: str) -> str:
    return str(browser.find_element(By.ID, element_id).text)


def shoot(browser: webdriver.Chrome, screenshots: pathlib.Path, name: str) -> None:
    """A full-page screenshot: the window grows to the page's height for the picture."""
    width = browser.get_window_size()["width"]
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(max(int(height) + 140, 600), 4000))
    assert browser.save_screenshot(str(screenshots / f"{name}.png"))


def test_the_seed_000_flow_from_create_session_to_the_dashboard(
        browser: webdriver.Chrome, sandbox: Any, embedding_origin: str, screenshots: pathlib.Path) -> None:
    with client_for(sandbox) as client:
        order = client.orders.create({**order_body(client), "external_reference": "INV-2026-001"})
        other = client.orders.create(order_body(client))

        # The merchant signs in with the API key, which never shows up in a URL or a page.
        sign_in(browser, sandbox)
        assert browser.current_url == root(sandbox) + "/dashboard"
        assert sandbox.api_key not in browser.current_url and sandbox.api_key not in browser.page_source

        # Create Session: search the recipient by name, pick it by its id.
        follow(browser, browser.find_element(By.LINK_TEXT, "Create Session"))
        search = browser.find_element(By.ID, "q")
        search.send_keys("flywire univ")
        follow(browser, search)
        results = browser.find_element(By.ID, "recipient-results").text
        assert "FWU" in results and "Flywire University" in results and "ETM" not in results
        follow(browser, browser.find_element(By.LINK_TEXT, "Choose FWU"))
        assert "FWU" in text(browser, "chosen-recipient")

        # Only FWU's open orders are offered; choose one, give payer information, create.
        options = [o.get_attribute("value") for o in Select(browser.find_element(By.ID, "order_id")).options]
        assert sorted(options) == sorted([order["id"], other["id"]])
        Select(browser.find_element(By.ID, "order_id")).select_by_value(order["id"])
        browser.find_element(By.ID, "first_name").send_keys("Ana")
        browser.find_element(By.ID, "last_name").send_keys("García")
        browser.find_element(By.ID, "email").send_keys("ana@example.com")
        Select(browser.find_element(By.ID, "country")).select_by_value("ES")
        shoot(browser, screenshots, "merchant-create-session")
        follow(browser, browser.find_element(By.ID, "create-session"))
        link = browser.find_element(By.ID, "payer-link").get_attribute("href")
        session_id = text(browser, "session-id")
        assert link == f"{root(sandbox)}/checkout/form?session_id={session_id}"
        shoot(browser, screenshots, "merchant-session-created")

        # The payer opens the link inside the merchant's page (another origin).
        browser.set_window_size(1280, 1000)
        browser.get(f"{embedding_origin}/?src=" + urllib.parse.quote(link, safe=""))
        browser.switch_to.frame(browser.find_element(By.ID, "checkout"))
        WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.ID, "first_name"))
        assert browser.find_element(By.ID, "first_name").get_attribute("value") == "Ana"
        assert browser.find_element(By.ID, "email").get_attribute("value") == "ana@example.com"
        assert Select(browser.find_element(By.ID, "country")).first_selected_option.get_attribute("value") == "ES"
        assert "$1,200.00" in text(browser, "amount")
        first_name = browser.find_element(By.ID, "first_name")  # the payer may change it
        first_name.clear()
        first_name.send_keys("Ana María")
        browser.find_element(By.ID, "card_holder").send_keys("Ana Garcia")
        browser.find_element(By.ID, "card_number").send_keys("4111 1111 1111 1111")
        browser.find_element(By.ID, "card_expiration").send_keys("03/30")
        browser.find_element(By.ID, "cvv").send_keys("737")
        browser.switch_to.default_content()
        shoot(browser, screenshots, "payer-form-embedded")
        browser.switch_to.frame(browser.find_element(By.ID, "checkout"))
        submit = browser.find_element(By.ID, "submit")
        assert submit.text == "Pay"
        follow(browser, submit)

        # The embedding page receives seed 003's postMessage from the sandbox's origin.
        browser.switch_to.default_content()
        WebDriverWait(browser, 10).until(lambda b: b.execute_script("return window.received.length") >= 1)
        received = browser.execute_script("return window.received")
        assert len(received) == 1
        assert received[0]["origin"] == root(sandbox)
        assert received[0]["data"] == {
            "source": "checkout_session", "success": True,
            "confirm_url": {"url": f"{sandbox.base_url}/checkout/sessions/{session_id}/confirm", "method": "POST"},
            "payor": {"email": "ana@example.com"},
        }

        # The merchant confirms through the Python package: the order becomes the payment.
        confirmed = client.sessions.confirm(received[0]["data"]["confirm_url"]["url"])
        reference = confirmed["payment_reference"]
        assert client.orders.get(order["id"])["status"] == "charged"
        assert client.orders.get(order["id"])["payment_reference"] == reference
        with pytest.raises(fwpay.InvalidRequestError):
            client.orders.charge(order["id"])  # never charged twice

        # The Payment Dashboard finds it by reference.
        browser.get(root(sandbox) + "/dashboard")
        search = browser.find_element(By.ID, "q")
        search.send_keys(reference)
        follow(browser, search)
        rows = browser.find_elements(By.CSS_SELECTOR, "#payments tbody tr")
        assert [row.get_attribute("data-reference") for row in rows] == [reference]
        status_now = client.payments.get(reference)["status"]
        assert "INV-2026-001" in rows[0].text and status_now in rows[0].text and "FWU" in rows[0].text
        follow(browser, browser.find_element(By.LINK_TEXT, reference))
        assert text(browser, "reference") == reference
        details = browser.find_element(By.ID, "details").text
        assert "Ana María" in details and "Visa ending 1111" in details, details
        history = browser.find_element(By.ID, "history").text
        assert "initiated" in history and status_now in history

        # Actions: move it on to delivered, then refund part of it.
        steps = {"initiated": ["guaranteed", "delivered"], "guaranteed": ["delivered"]}[status_now]
        for status in steps:
            Select(browser.find_element(By.ID, "next-status")).select_by_value(status)
            follow(browser, browser.find_element(By.XPATH, "//button[text()='Advance status']"))
            assert text(browser, "action-done") == "Status changed."
            assert text(browser, "payment-status") == status
        assert client.payments.get(reference)["status"] == "delivered"
        amount = browser.find_element(By.ID, "refund-amount")
        amount.clear()
        amount.send_keys("20000")
        follow(browser, browser.find_element(By.XPATH, "//button[text()='Refund']"))
        assert text(browser, "action-done") == "Refund created."
        refunds = list(client.refunds.list(payment_id=reference))
        assert [r["amount"] for r in refunds] == [20000]
        assert refunds[0]["refund_id"] in text(browser, "refunds")
        history = browser.find_element(By.ID, "history").text
        assert "guaranteed" in history and "delivered" in history
        shoot(browser, screenshots, "dashboard-payment")

        browser.set_window_size(1280, 1000)
        browser.get(root(sandbox) + "/dashboard")
        shoot(browser, screenshots, "dashboard")


def session_for(client: fwpay.Client, **form: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "one_off", "recipient_id": "FWU",
                            "recipient": {"fields": [{"id": "custom_field_1", "value": "S1"}]},
                            "items": [{"id": "tuition", "amount": 250000}],
                            "payor": {"first_name": "Peter", "last_name": "Payer", "email": "peter@example.com", "country": "US"}}
    if form:
        body["options"] = {"form": form}
    return client.sessions.create(body)


def test_payer_form_shows_errors_next_to_their_fields_then_the_confirm_url(
        browser: webdriver.Chrome, sandbox: Any, screenshots: pathlib.Path) -> None:
    with client_for(sandbox) as client:
        session = session_for(client)
        browser.get(session["hosted_form"]["url"])
        email = browser.find_element(By.ID, "email")
        email.clear()
        email.send_keys("not-an-email")
        browser.find_element(By.ID, "card_holder").send_keys("Peter Payer")
        browser.find_element(By.ID, "card_number").send_keys("1234 5678")
        browser.find_element(By.ID, "card_expiration").send_keys("01/20")
        follow(browser, browser.find_element(By.ID, "submit"))

        assert text(browser, "email-error") == "must be a valid email"
        assert text(browser, "card_number-error").startswith("is not a test card")
        assert text(browser, "card_expiration-error") == "has passed"
        assert text(browser, "cvv-error") == "is required"
        for field in ("email", "card_number", "card_expiration", "cvv"):
            element = browser.find_element(By.ID, field)
            assert element.get_attribute("aria-invalid") == "true"
            assert f"{field}-error" in (element.get_attribute("aria-describedby") or "")
        assert browser.find_element(By.ID, "first_name").get_attribute("value") == "Peter"  # kept
        summary = browser.find_element(By.ID, "error-summary")
        assert summary.get_attribute("role") == "alert" and "Card number" in summary.text
        shoot(browser, screenshots, "payer-form-errors")

        email = browser.find_element(By.ID, "email")
        email.clear()
        email.send_keys("peter@example.com")
        for field, value in (("card_number", "5454 5454 5454 5454"), ("card_expiration", "03/30"), ("cvv", "737")):
            element = browser.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        follow(browser, browser.find_element(By.ID, "submit"))

        # Not embedded: the page shows the confirm URL itself.
        confirm_url = f"{sandbox.base_url}/checkout/sessions/{session['id']}/confirm"
        assert text(browser, "confirm-url") == confirm_url
        assert text(browser, "payer-email") == "peter@example.com"
        assert not browser.find_element(By.ID, "embedded-note").is_displayed()
        shoot(browser, screenshots, "payer-form-sent")
        payment = client.sessions.confirm(confirm_url)
        assert client.payments.get(payment["payment_reference"])["amount_to"] == 250000

        # Sent and confirmed: the link now says so instead of showing the form again.
        browser.get(session["hosted_form"]["url"])
        assert browser.find_element(By.TAG_NAME, "h1").text == "Already sent"


@pytest.mark.parametrize(("form", "lang", "first_name", "button", "logo"), [
    ({}, "en", "First name", "Pay", True),
    ({"locale": "es-ES", "action_button": "save", "show_flywire_logo": False}, "es", "Nombre", "Guardar", False),
    ({"locale": "fr-FR", "action_button": "Continuer vers le paiement", "show_flywire_logo": True}, "fr", "Prénom",
     "Continuer vers le paiement", True),
    ({"locale": "ja", "action_button": "next"}, "en", "First name", "Next", True),
])
def test_payer_form_honours_the_session_options(browser: webdriver.Chrome, sandbox: Any, screenshots: pathlib.Path,
                                                form: dict[str, Any], lang: str, first_name: str, button: str, logo: bool) -> None:
    with client_for(sandbox) as client:
        browser.get(session_for(client, **form)["hosted_form"]["url"])
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
        assert browser.find_element(By.CSS_SELECTOR, "label[for=first_name]").text == first_name
        assert text(browser, "submit") == button
        assert bool(browser.find_elements(By.ID, "logo")) is logo
        if lang != "en":
            shoot(browser, screenshots, f"payer-form-{lang}")


def test_an_expired_session_says_so(browser: webdriver.Chrome, sandbox: Any) -> None:
    with client_for(sandbox) as client:
        session = session_for(client, locale="fr-FR")
        control(sandbox, "clock/advance", {"minutes": 31})
        browser.get(session["hosted_form"]["url"])
        assert browser.find_element(By.TAG_NAME, "h1").text == "Session expirée"
        assert "a expiré" in text(browser, "message")
        browser.get(root(sandbox) + "/checkout/form?session_id=no-such-session")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Session not found"


def test_sign_in_keeps_the_key_out_of_urls_and_cookies(browser: webdriver.Chrome, sandbox: Any) -> None:
    browser.get(root(sandbox) + "/dashboard/payments/FWU123456789")
    assert browser.current_url.startswith(root(sandbox) + "/sign-in?next=")

    # A wrong key is refused without being shown back.
    browser.find_element(By.ID, "api_key").send_keys("wrong-key-1234")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "not known" in text(browser, "sign-in-error")
    assert "wrong-key-1234" not in browser.page_source

    browser.find_element(By.ID, "api_key").send_keys(sandbox.api_key)
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    # Back where the browser was going: that payment does not exist for this client.
    assert browser.current_url == root(sandbox) + "/dashboard/payments/FWU123456789"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not Found"
    cookies = browser.get_cookies()
    assert [c["name"] for c in cookies] == ["fwpay_sandbox_session"]
    assert cookies[0]["httpOnly"] is True and cookies[0]["sameSite"] == "Strict"
    assert sandbox.api_key not in cookies[0]["value"]

    # A post without the page's form token is refused, even with the cookie (CSRF).
    request = urllib.request.Request(root(sandbox) + "/dashboard/payments/FWU123456789/cancel", data=b"", method="POST",
                                     headers={"Cookie": f"fwpay_sandbox_session={cookies[0]['value']}",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403

    browser.get(root(sandbox) + "/dashboard")
    follow(browser, browser.find_element(By.XPATH, "//button[text()='Sign out']"))
    assert browser.current_url == root(sandbox) + "/sign-in"
    browser.get(root(sandbox) + "/dashboard")
    assert "/sign-in" in browser.current_url


def test_dashboard_filters_searches_and_pages(browser: webdriver.Chrome, sandbox: Any, screenshots: pathlib.Path) -> None:
    with client_for(sandbox) as client:
        references = [paid_order(client) for _ in range(23)]
        for reference in references[:3]:
            control(sandbox, f"payments/{reference}/transition", {"status": "cancelled"})
        sign_in(browser, sandbox)
        assert text(browser, "payment-count") == "23 payments."
        assert "Page 1 of 2" in browser.find_element(By.CSS_SELECTOR, "nav.pages").text
        assert len(browser.find_elements(By.CSS_SELECTOR, "#payments tbody tr")) == 20
        follow(browser, browser.find_element(By.LINK_TEXT, "Next"))
        assert len(browser.find_elements(By.CSS_SELECTOR, "#payments tbody tr")) == 3
        assert "Page 2 of 2" in browser.find_element(By.CSS_SELECTOR, "nav.pages").text

        browser.get(root(sandbox) + "/dashboard")
        Select(browser.find_element(By.ID, "status")).select_by_value("cancelled")
        Select(browser.find_element(By.ID, "recipient")).select_by_value("FWU")
        follow(browser, browser.find_element(By.XPATH, "//button[text()='Filter']"))
        assert text(browser, "payment-count") == "3 payments match."
        shown = {row.get_attribute("data-reference") for row in browser.find_elements(By.CSS_SELECTOR, "#payments tbody tr")}
        assert shown == set(references[:3])

        Select(browser.find_element(By.ID, "recipient")).select_by_value("ETM")
        follow(browser, browser.find_element(By.XPATH, "//button[text()='Filter']"))
        assert text(browser, "payment-count") == "0 payments match."

        browser.get(root(sandbox) + "/dashboard?q=" + references[5][-6:])
        assert [r.get_attribute("data-reference") for r in browser.find_elements(By.CSS_SELECTOR, "#payments tbody tr")] == [references[5]]


def labelled(browser: webdriver.Chrome) -> list[str]:
    """Ids of visible form controls that have no label."""
    return list(browser.execute_script("""
        return Array.from(document.querySelectorAll('input, select, textarea'))
          .filter(e => e.type !== 'hidden' && e.type !== 'submit')
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
          .map(e => e.id || e.name);"""))


def fits(browser: webdriver.Chrome) -> bool:
    return bool(browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_pages_are_labelled_keyboard_usable_and_fit_a_phone(
        browser: webdriver.Chrome, sandbox: Any, screenshots: pathlib.Path) -> None:
    with client_for(sandbox) as client:
        order = client.orders.create(order_body(client))
        reference = paid_order(client)
        session = session_for(client)
        browser.set_window_size(*PHONE)
        browser.get(root(sandbox) + "/sign-in")
        assert labelled(browser) == [] and fits(browser)
        shoot(browser, screenshots, "phone-sign-in")
        browser.set_window_size(*PHONE)
        sign_in(browser, sandbox)
        pages = {
            "phone-dashboard": "/dashboard",
            "phone-payment": f"/dashboard/payments/{reference}",
            "phone-create-session": "/merchant/sessions/new?q=univ&recipient=FWU",
            "phone-payer-form": session["hosted_form"]["url"].removeprefix(root(sandbox)),
        }
        for name, page in pages.items():
            browser.set_window_size(*PHONE)
            browser.get(root(sandbox) + page)
            assert labelled(browser) == [], name
            assert fits(browser), name
            shoot(browser, screenshots, name)
        browser.set_window_size(*PHONE)
        browser.get(root(sandbox) + "/merchant/sessions/new?recipient=FWU")
        assert order["id"] in [o.get_attribute("value") for o in Select(browser.find_element(By.ID, "order_id")).options]

        # The payer's form by keyboard alone: Tab moves through the fields in order, Enter sends.
        browser.set_window_size(1280, 1000)
        browser.get(session["hosted_form"]["url"])
        browser.find_element(By.ID, "first_name").click()
        order_of_focus = []
        for _ in range(9):
            order_of_focus.append(browser.switch_to.active_element.get_attribute("id"))
            browser.switch_to.active_element.send_keys(Keys.TAB)
        # state is optional (where the payer's country has states: real-api-evidence.md §4 C).
        assert order_of_focus == ["first_name", "last_name", "email", "country", "state", "card_holder", "card_number",
                                  "card_expiration", "cvv"]
        for field, value in (("card_holder", "Peter Payer"), ("card_number", "3700 0000 0000 002"),
                             ("card_expiration", "03/30"), ("cvv", "7373")):
            browser.find_element(By.ID, field).send_keys(value)
        follow(browser, browser.find_element(By.ID, "cvv"))
        assert text(browser, "confirm-url").endswith(f"/checkout/sessions/{session['id']}/confirm")


def start_receiver(answers: list[int]) -> tuple[http.server.ThreadingHTTPServer, list[bytes]]:
    """A notifications receiver on 127.0.0.1 answering `answers` in turn (then 200), keeping each body."""
    received: list[bytes] = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            self.send_response(answers.pop(0) if answers else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def test_payment_page_lists_notifications_and_delivery_attempts(
        browser: webdriver.Chrome, sandbox: Any, screenshots: pathlib.Path) -> None:
    server, _ = start_receiver([500, 200])  # the first delivery fails, the retry succeeds
    try:
        with client_for(sandbox) as client:
            body = {**order_body(client), "notifications_url": f"http://127.0.0.1:{server.server_address[1]}/hook"}
            reference = client.orders.charge(client.orders.create(body)["id"])["payment_reference"]
            sign_in(browser, sandbox, f"/dashboard/payments/{reference}")

            def delivered(b: webdriver.Chrome) -> bool:
                b.refresh()
                attempts = [e.text for e in b.find_elements(By.CSS_SELECTOR, "#notifications .attempts li")]
                return any("HTTP 500" in a for a in attempts) and any("HTTP 200" in a for a in attempts)

            WebDriverWait(browser, 60, poll_frequency=1).until(delivered)
            notifications = browser.find_element(By.ID, "notifications").text
            assert "initiated" in notifications and "/hook" in notifications and "delivered" in notifications
            shoot(browser, screenshots, "dashboard-payment-notifications")
    finally:
        server.shutdown()


def test_dashboard_resends_a_notification_moves_the_clock_and_finds_a_request(
        browser: webdriver.Chrome, sandbox: Any, screenshots: pathlib.Path) -> None:
    server, received = start_receiver([])
    try:
        with client_for(sandbox) as client:
            body = {**order_body(client), "notifications_url": f"http://127.0.0.1:{server.server_address[1]}/hook"}
            reference = client.orders.charge(client.orders.create(body)["id"])["payment_reference"]
            WebDriverWait(browser, 30, poll_frequency=0.2).until(lambda _: len(received) == 1)
            sign_in(browser, sandbox, f"/dashboard/payments/{reference}")
            # Resend: the same bytes arrive again.
            follow(browser, browser.find_element(By.CSS_SELECTOR, "#notifications button[id^=resend-]"))
            assert browser.find_element(By.ID, "action-done").text == "Notification queued again."
            WebDriverWait(browser, 30, poll_frequency=0.2).until(lambda _: len(received) == 2)
            assert received[1] == received[0]
            # The clock: +1 day, +7 days.
            before = browser.find_element(By.ID, "clock-now").text
            follow(browser, browser.find_element(By.ID, "clock-day"))
            assert browser.find_element(By.ID, "clock-now").text != before
            assert f"/dashboard/payments/{reference}" in browser.current_url
            follow(browser, browser.find_element(By.ID, "clock-week"))
            assert client.sandbox.clock()["offset_seconds"] == 8 * 86400
            shoot(browser, screenshots, "dashboard-clock-and-resend")
            # A request id from an error, found on the Requests page.
            with pytest.raises(fwpay.NotFoundError) as missing:
                client.payments.get("FWU000000000")
            follow(browser, browser.find_element(By.LINK_TEXT, "Requests"))
            browser.find_element(By.ID, "request-id").send_keys(missing.value.request_id)
            follow(browser, browser.find_element(By.ID, "request-id"))
            rows = browser.find_elements(By.CSS_SELECTOR, "#requests tr[data-request-id]")
            assert [r.get_attribute("data-request-id") for r in rows] == [missing.value.request_id]
            assert "GET /payments/v1/payments/FWU000000000" in rows[0].text and "404" in rows[0].text
            assert "sandbox-demo-key" not in browser.page_source
            shoot(browser, screenshots, "dashboard-requests")
    finally:
        server.shutdown()
