"""The conformance suite: every operation of api/operations.json, called through each binding's
own face (Python, Node, PHP, Ruby, Java) and the fwpay command against a fresh sandbox, with
per-call options.

The calls are made from the description: each operation's arguments (positional or named as
the description says), its list and page forms, an idempotency key on each POST, a timeout
and retries on every call. A runner per language (tests/conformance/runners) looks each
method up by the description's resource and method name, so a face that lacks an operation
fails. The sandbox's request log then shows that each call reached its request, with its key,
and FWPAY_LOG=info made the library log the calls on stderr in every language.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import conftest  # noqa: E402

DESCRIPTION = json.loads((ROOT / "api" / "operations.json").read_text())
OPENAPI = json.loads((ROOT / "docs" / "openapi.json").read_text())
RUNNERS = ROOT / "tests" / "conformance" / "runners"
FORM = {"first_name": "Peter", "last_name": "Payer", "email": "payer@example.com", "country": "US",
        "card_holder": "Peter Payer", "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
PREAUTH = {"type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards",
           "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"},
           "recipient": {"fields": [{"id": "custom_field_1", "value": "X"}]}, "items": [{"id": "default", "amount": 60000}]}


def order_body(offer: str, first_name: str = "Conformance") -> dict[str, Any]:
    return {"payer": {"first_name": first_name, "last_name": "Payer", "country": "US"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
            "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offer}}


# What each operation is called with: values by argument name ("$name": a value saved from an
# earlier answer or made ready beforehand), filters of lists, and what its answer saves.
VALUES: dict[str, dict[str, Any]] = {
    "recipient_list": {"filters": {}},
    "recipient_get": {"recipient_id": "FWU"},
    "recipient_search": {"name": "a"},
    "offer_list": {"recipient_id": "FWU", "amount": 120000, "country": "US", "save": {"offer": "offers.0.id"}},
    "order_create": {"body": order_body("$offer"), "save": {"order": "id"}},
    "order_update": {"order_id": "$order", "body": {"items": [{"id": "tuition", "amount": 130000}]}},
    "order_get": {"order_id": "$order"},
    "order_list": {"filters": {"status": "open"}},
    "order_check": {"order_id": "$order", "portal_id": "FWU"},
    "order_charge": {"order_id": "$order", "save": {"payment": "payment_reference"}},
    "session_create": {"body": PREAUTH},
    "session_confirm": {"session": "$submitted_session"},
    "payment_get": {"payment_reference": "$payment"},
    "payment_list": {"filters": {"recipient": "FWU"}},
    "payment_receipt": {"payment_reference": "$delivered"},
    "payment_process": {"payment_reference": "$payment"},
    "payment_adjust": {"payment_reference": "$held_a", "amount": 70000},
    "payment_cancel": {"payment_reference": "$held_a"},
    "payment_capture": {"payment_reference": "$held_b", "amount": 50000},
    "payment_charge": {"body": {"payment_method_token": "$token", "mandate_id": "$mandate", "charge_intent": {"mode": "unscheduled"},
                                "recipient": {"id": "FWU"}, "items": [{"id": "default", "amount": 9900}]}},
    "refund_create": {"payment_reference": "$delivered", "body": {"amount": 1000}, "save": {"refund": "refund_id", "bundle": "bundle_id"}},
    "refund_get": {"refund_id": "$refund"},
    "refund_list": {"filters": {"status": "pending"}},
    "bundle_list": {"filters": {}},
    "bundle_get": {"bundle_id": "$bundle"},
    "bundle_approve": {"bundle_id": "$bundle"},
    "refund_cancel": {"refund_id": "$refund"},
    # fwpay-sandbox's control API (sandbox-only), through the faces generated for it.
    "sandbox_refund_transition": {"refund_id": "$sent_refund", "parameters": {"status": "approved"}},
    "sandbox_clock": {},
    "sandbox_advance": {"parameters": {"minutes": 1}},
    "sandbox_transition": {"payment_reference": "$notified", "parameters": {"status": "guaranteed"}},
    "sandbox_notifications": {"parameters": {"resource_id": "$notified"}, "save": {"notification": "notifications.0.id"}},
    "sandbox_resend": {"notification_id": "$notification"},
    "sandbox_settings": {},
    "sandbox_change_settings": {"parameters": {"notification_format": "classic"}},
    "sandbox_add_fault": {"parameters": {"path": "/nowhere", "kind": "latency", "latency_ms": 1, "count": 1}},
    "sandbox_faults": {},
    "sandbox_clear_faults": {},
    "sandbox_requests": {"parameters": {"limit": 3}},
    "sandbox_register_listener": {"parameters": {"url": "http://127.0.0.1:9/listen"}},
    "sandbox_listener": {},
    "sandbox_unregister_listener": {"parameters": {"url": "http://127.0.0.1:9/listen"}},
    "sandbox_reset": {},
}
ORDER = ["recipient_list", "recipient_get", "recipient_search", "offer_list", "order_create", "order_update", "order_get",
         "order_list", "order_check", "order_charge", "session_create", "session_confirm", "payment_get", "payment_list",
         "payment_receipt", "payment_process", "payment_adjust", "payment_cancel", "payment_capture", "payment_charge",
         "refund_create", "refund_get", "refund_list", "bundle_list", "bundle_get", "bundle_approve", "sandbox_refund_transition",
         "refund_cancel", "sandbox_clock", "sandbox_advance", "sandbox_transition", "sandbox_notifications", "sandbox_resend",
         "sandbox_settings", "sandbox_change_settings", "sandbox_add_fault", "sandbox_faults", "sandbox_clear_faults",
         "sandbox_requests", "sandbox_register_listener", "sandbox_listener", "sandbox_unregister_listener"]
# Last, in a run of its own: it deletes the request log the first run is checked against.
AFTER = ["sandbox_reset"]
# Python's client.sandbox and `fwpay sandbox` are written by hand (keyword arguments, flags):
# their own tests call them; the generated faces of the others are called here.
HAND_WRITTEN = {"python": "sandbox", "cli": "sandbox"}
ENDPOINTS = {entry["operationId"]: (verb.upper(), path) for path, methods in OPENAPI["paths"].items()
             for verb, entry in methods.items() if isinstance(entry, dict) and "operationId" in entry}


def camel(name: str) -> str:
    """A method's name in Node, PHP and Java (add_fault: addFault)."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def steps(language: str, names: list[str] | None = None) -> list[dict[str, Any]]:
    """The calls, in order, each in the neutral form every runner reads."""
    described = {o["name"]: o for o in DESCRIPTION["operations"]}
    made = []
    for name in ORDER if names is None else names:
        operation, values = described[name], VALUES[name]
        resource, method = operation["face"].split(".")
        if HAND_WRITTEN.get(language) == resource:
            continue
        verb = ENDPOINTS.get(name, ("GET", ""))[0]
        options: dict[str, Any] = {"timeout": 30, "max_retries": 1}
        if verb == "POST":
            options["idempotency_key"] = f"conformance-{language}-{name}"
        step = {"operation": name, "resource": resource, "method": method, "options": options, "save": values.get("save", {}),
                 "camel": camel(method)}
        if "list" in operation:
            for form in ("list", "page"):
                made.append({**step, "method": method if form == "list" else "page", "form": form, "filters": values["filters"],
                             "collection": operation["list"]["collection"], "arguments": []})
            continue
        step["form"] = "call"
        step["arguments"] = [{"name": a["name"], "face": a.get("face", a["name"]), "keyword": a.get("keyword", False),
                              "value": values[a["name"]]} for a in operation.get("arguments", []) if a["name"] in values]
        made.append(step)
    if names is not None:
        return made
    # Failures of the kinds the core refines, each to be raised as the binding's class for it.
    made.append({"operation": "bundle_get", "resource": "bundles", "method": "get", "camel": "get", "form": "call", "save": {},
                 "options": {"max_retries": 0}, "expect": "permission",
                 "arguments": [{"name": "bundle_id", "face": "id", "keyword": False, "value": FORBIDDEN_BUNDLE}]})
    made.append({"operation": "order_create", "resource": "orders", "method": "create", "camel": "create", "form": "call", "save": {},
                 "options": {"idempotency_key": f"conformance-{language}-order_create"}, "expect": "idempotency_conflict",
                 "arguments": [{"name": "body", "face": "body", "keyword": False, "value": {**order_body("$offer"), "external_reference": "another"}}]})
    # The sandbox's control calls last: clearing faults would take the 403 above away.
    made.sort(key=lambda step: step["resource"] == "sandbox")
    return made


FORBIDDEN_BUNDLE = "RB-forbidden"
#: The class each binding raises for a kind of failure.
CLASSES = {"permission": {"python": "PermissionError", "node": "PermissionError", "php": "PermissionError", "ruby": "PermissionError",
                          "java": "Permission", "cli": "exit 8"},
           "idempotency_conflict": {"python": "IdempotencyError", "node": "IdempotencyError", "php": "IdempotencyError",
                                    "ruby": "IdempotencyError", "java": "IdempotencyConflict", "cli": "exit 3"}}


def test_every_described_operation_has_a_call() -> None:
    assert sorted(ORDER + AFTER) == sorted(o["name"] for o in DESCRIPTION["operations"]), "an operation of api/operations.json has no call here"


class Sandbox:
    def __init__(self, root: str, key: str) -> None:
        self.root, self.key = root, key

    def http(self, method: str, path: str, body: Any = None, form: dict[str, str] | None = None) -> Any:
        data, headers = None, {"X-Authentication-Key": self.key}
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        if form is not None:
            data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.root + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read()
        return json.loads(text) if text[:1] in (b"{", b"[") else text

    def submitted_session(self) -> str:
        session = self.http("POST", "/payments/v1/checkout/sessions", PREAUTH)["id"]
        self.http("POST", f"/checkout/form?session_id={session}", form=FORM)
        return str(session)

    def prepared(self) -> dict[str, str]:
        """What the calls need that only a payer, or time, makes: a session whose form was sent,
        two held pre-authorizations, a saved card and a delivered payment."""
        values = {"submitted_session": self.submitted_session()}
        for name in ("held_a", "held_b"):
            confirmed = self.http("POST", f"/payments/v1/checkout/sessions/{self.submitted_session()}/confirm")
            values[name] = confirmed["payment_reference"] if "payment_reference" in confirmed else confirmed["payment"]["reference"]
            values["token"], values["mandate"] = confirmed["payment_method"]["token"], confirmed["mandate"]["id"]
        offer = self.http("GET", "/payments/v1/offers?amount=120000&country=US&recipient=FWU")["offers"][0]["id"]
        order = self.http("POST", "/payments/v1/orders", order_body(offer, "SANDBOX_TO_DELIVERED_STATUS"))["id"]
        values["delivered"] = self.http("POST", f"/payments/v1/orders/{order}/charge")["payment_reference"]
        # A refund sent on (its bundle approved), for the refund transition.
        order = self.http("POST", "/payments/v1/orders", order_body(offer, "SANDBOX_TO_DELIVERED_STATUS"))["id"]
        paid = self.http("POST", f"/payments/v1/orders/{order}/charge")["payment_reference"]
        refund = self.http("POST", f"/payments/v1/payments/{paid}/refunds", {"amount": 1000})
        self.http("POST", f"/payments/v1/refund_bundles/{refund['bundle_id']}/approve")
        values["sent_refund"] = refund["refund_id"]
        notified = self.http("POST", "/payments/v1/orders", {**order_body(offer), "notifications_url": "http://127.0.0.1:9/hook"})["id"]
        values["notified"] = self.http("POST", f"/payments/v1/orders/{notified}/charge")["payment_reference"]
        return values


def command(language: str) -> list[str]:
    if language == "python":
        return [sys.executable, str(RUNNERS / "python_runner.py")]
    if language == "cli":
        return [sys.executable, str(RUNNERS / "command_runner.py")]
    if language == "node":
        return ["node", str(RUNNERS / "node_runner.js")]
    if language == "php":
        return ["php", "-d", "ffi.enable=1", str(RUNNERS / "php_runner.php")]
    if language == "ruby":
        return ["ruby", "-I", str(ROOT / "bindings" / "ruby" / "lib"), str(RUNNERS / "ruby_runner.rb")]
    jar = ROOT / "build" / "java" / f"fwpay-{(ROOT / 'VERSION').read_text().strip()}.jar"
    classpath = f"{jar}:/usr/share/java/jna.jar:/usr/share/java/gson.jar"
    return ["java", "-cp", classpath, str(RUNNERS / "JavaRunner.java")]


def logged_path(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", "[^/?]+", re.escape(template)) + r"(\?.*)?$")


@pytest.mark.parametrize("language", ["python", "node", "php", "ruby", "java", "cli"])
def test_every_operation_through_the_face_of(language: str, tmp_path: pathlib.Path) -> None:
    if language in ("node", "php", "ruby") and not shutil.which({"node": "node", "php": "php", "ruby": "ruby"}[language]):
        pytest.fail(f"{language} is not installed (make test installs it)")
    running = conftest.start_sandbox(tmp_path)
    try:
        sandbox = Sandbox(running.base_url.removesuffix("/payments/v1"), running.api_key)
        made = steps(language)
        sandbox.http("POST", "/sandbox/faults", {"path": f"/refund_bundles/{FORBIDDEN_BUNDLE}", "kind": "error", "status": 403, "count": 1})
        (tmp_path / "steps.json").write_text(json.dumps({"prepared": sandbox.prepared(), "steps": made}))
        environment = {**os.environ, "FWPAY_BASE_URL": running.base_url, "FWPAY_API_KEY": running.api_key,
                       "FWPAY_LIBRARY": str(ROOT / "build" / "lib" / "libfwpay.so"), "PYTHONPATH": str(ROOT / "bindings" / "python"),
                       "FWPAY_LOG": "info", "FWPAY_COMMAND": str(ROOT / "build" / "bin" / "fwpay")}
        run = subprocess.run([*command(language), str(tmp_path / "steps.json")], env=environment, capture_output=True, text=True, timeout=300)
        results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
        failed = [r for r, step in zip(results, made) if ("expect" not in step and not r.get("ok"))
                  or ("expect" in step and (r.get("ok") or r.get("class") != CLASSES[step["expect"]][language]))]
        assert run.returncode == 0 and not failed and len(results) == len(made), \
            f"{language}: {len(results)} of {len(made)} calls answered; failed: {failed}\n{run.stderr[-3000:]}"
        # FWPAY_LOG=info: the library's lines on stderr in every language, never the key.
        assert re.search(r"^fwpay (info|INFO) POST /orders -> 201 in \d+ ms", run.stderr, re.MULTILINE), \
            f"{language}: FWPAY_LOG=info logged no order creation:\n{run.stderr[-2000:]}"
        assert running.api_key not in run.stderr
        logged = sandbox.http("GET", "/sandbox/requests?limit=500")["requests"]
        # The User-Agent names the library's version, the binding's language and its runtime.
        agents = {r["user_agent"] for r in logged if (r["user_agent"] or "").startswith("fwpay/")}
        assert agents and all(re.fullmatch(rf"fwpay/\d+\.\d+\.\d+ {language}/\S+", agent) for agent in agents), agents
        by_id = {r["request_id"]: r for r in logged}
        for step, result in zip(made, results):
            if step["operation"] not in ENDPOINTS or "expect" in step:
                continue  # a composite: its requests are the lists and gets checked beside it
            verb, template = ENDPOINTS[step["operation"]]
            pattern = logged_path(template)
            key = step["options"].get("idempotency_key")
            seen = [r for r in logged if r["method"] == verb and pattern.match(r["path"]) and (key is None or r["idempotency_key"] == key)]
            assert seen, f"{language}: {step['resource']}.{step['method']} sent no {verb} {template}" + (f" with key {key}" if key else "")
            if step["form"] != "list":
                # The result says which request answered it (its response's request id).
                answered = by_id.get(result.get("request_id") or "")
                assert answered and answered["method"] == verb and pattern.match(answered["path"]), \
                    f"{language}: {step['resource']}.{step['method']}'s result names request {result.get('request_id')!r}"
        # Then the sandbox's reset, which deletes what the calls made and the request log.
        last = steps(language, AFTER)
        if last:
            (tmp_path / "last.json").write_text(json.dumps({"prepared": {}, "steps": last}))
            run = subprocess.run([*command(language), str(tmp_path / "last.json")], env=environment, capture_output=True, text=True, timeout=300)
            results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            assert run.returncode == 0 and len(results) == 1 and results[0].get("ok"), f"{language}: sandbox reset: {results}\n{run.stderr[-2000:]}"
            left = sandbox.http("GET", "/sandbox/requests?limit=500")["requests"]
            assert not [r for r in left if r["path"].startswith("/payments/v1/orders")], f"{language}: the reset left the orders' requests"
            assert sandbox.http("GET", "/payments/v1/orders")["total_entries"] == 0, f"{language}: the reset left orders"
    finally:
        conftest.stop_sandbox(running)
