#!/bin/sh
# Runs the curl examples of ../shared/seeds (002 orders, 003 checkout sessions) against a
# fresh fwpay-sandbox, changing only the base URL and the API key, and checks the documented
# answers. Two defects of the documentation itself are adapted and said so below.
set -eu
cd "$(dirname "$0")/../.."
sandbox=${FWPAY_SANDBOX:-build/bin/fwpay-sandbox}
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
"$sandbox" --port 0 --db "$work/sandbox.sqlite" > "$work/out" 2> "$work/err" &
pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on //p' "$work/out")
[ -n "$base" ] || { cat "$work/err" >&2; echo "seed_examples: the sandbox did not start" >&2; exit 1; }
url="$base/payments/v1"
api_key="sandbox-demo-key"
passed=0
failed=0

# check NAME FILE PYTHON-EXPRESSION: `r` is the parsed JSON answer, `status` the HTTP status.
check() {
  if python3 - "$2" "$3" <<'PY'
import json, re, sys
answer = open(sys.argv[1]).read().split("\n", 1)
status, r = int(answer[0]), json.loads(answer[1])
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
  then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $(cat "$2")"; fi
}
# The documented example commands, with base-url-placeholder and {api_key} replaced; the
# answer is saved as "STATUS\nBODY".
request() {
  out=$1; shift
  curl -s -o "$work/body" -w '%{http_code}' "$@" > "$work/status"
  { cat "$work/status"; echo; cat "$work/body"; } > "$out"
}
field() { python3 -c 'import json,sys; v=json.loads(open(sys.argv[1]).read().split("\n",1)[1])
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$1" "$2"; }

# --- Seed 002: Creating an Order (verbatim body) ---
request "$work/create" "$url/orders" \
  -X POST \
  -H "Content-Type: application/json" \
  -H "X-Authentication-Key: $api_key" \
  -d '{
 	"payer": {
		"first_name": "Peter",
		"last_name": "Payer",
		"middle_name": null,
		"address1": "789 Calle Mayor",
		"address2": null,
		"city": "Madrid",
		"country": "ES",
		"state": null,
		"zip": "28013",
		"phone": "0034912345678",
		"email": "[email protected]"
    },
	"recipient": {
		"id": "FWU",
   		"fields": [
            {
                "id": "custom_field_1",
                "value": "ID12345"
            },
			{
				"id": "custom_field_2",
				"value": "2020"
			}
        ]
	},
	"items": [
		{
			"amount": 80000,
			"id": "tuition"
		},
		{
			"amount": 40000,
			"id": "housing"
		}
	],
	"offer": {
		"id": "MTAwMDAgcHRfYmFua190cmFuc2Zlcl9jYWQgRVM=",
		"fields": [
			{
				"id": "pan_number",
				"value": "12345678"
			}
		]
	},
	"notifications_url": "http://consumer-url.com/notifications",
	"external_reference": "xyz123456",
	"metadata": {
		"external_payment_id": "PAYd910447bbf9fed52e3131e"
		}
}'
check "002 create an order" "$work/create" \
  'status == 201 and re.fullmatch(r"[0-9a-f-]{36}", r["id"]) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", r["created_at"]) and r["items"] == [{"amount": 80000, "id": "tuition"}, {"amount": 40000, "id": "housing"}] and r["external_reference"] == "xyz123456" and r["metadata"] == {"external_payment_id": "PAYd910447bbf9fed52e3131e"} and r["recipient"]["id"] == "FWU"'
order=$(field "$work/create" id)

# --- Seed 002: Editing an Order. The documentation's example says `-X POST .../orders`, but
# its heading and text say PATCH /orders/{orderId}; it is sent as the heading says. ---
request "$work/edit" "$url/orders/$order" \
  -X PATCH \
  -H "Content-Type: application/json" \
  -H "X-Authentication-Key: $api_key" \
  -d '{
	"payer": {
		"first_name": "Peter",
		"last_name": "Payer",
		"middle_name": null,
		"address1": "789 Calle Mayor",
		"address2": null,
		"city": "Madrid",
		"country": "ES",
		"state": null,
		"zip": "28013",
		"phone": "0034912345678",
		"email": "[email protected]"
    },
	"recipient": {
   		"fields": [
            {
                "id": "custom_field_1",
                "value": "ID12345"
            },
			{
				"id": "custom_field_2",
				"value": "2020"
			}
        ]
	},
	"items": [
		{
			"amount": 80000,
			"id": "tuition"
		},
		{
			"amount": 40000,
			"id": "housing"
		}
	],
	"offer": {
		"id": "MTAwMDAgcHRfYmFua190cmFuc2Zlcl9jYWQgRVM=",
		"fields": {
			"id": "pan_number",
			"value": "12345678"
			}
		},
	"notifications_url": "http://consumer-url.com/notifications",
	"external_reference": "xyz123456",
	"metadata": {
	"external_payment_id": "PAYd910447bbf9fed52e3131e"
	}
}'
check "002 edit an order keeps its id" "$work/edit" "status == 200 and r['id'] == '$order' and r['recipient']['id'] == 'FWU'"

# --- Seed 002: Editing the order failed - recipient ID cannot be updated ---
request "$work/edit-recipient" "$url/orders/$order" -X PATCH -H "Content-Type: application/json" \
  -H "X-Authentication-Key: $api_key" -d '{"recipient": {"id": "FWU"}}'
check "002 recipient ID cannot be updated (exact body)" "$work/edit-recipient" \
  'status == 422 and r == {"type": "https://developers.flywire.com", "title": "Unprocessable entity", "status": 422, "detail": "Invalid parameters", "errors": [{"source": "/recipient/id", "param": "id", "type": "invalid_param", "message": "cannot be updated"}]}'

# --- Seed 002: Creating the order failed - invalid offer ID or invalid country ---
request "$work/bad-offer" "$url/orders" -X POST -H "Content-Type: application/json" -H "X-Authentication-Key: $api_key" \
  -d '{"payer": {"first_name": "Peter", "country": "FR"}, "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID12345"}]},
       "items": [{"amount": 80000, "id": "tuition"}], "offer": {"id": "MTAwMDAgcHRfYmFua190cmFuc2Zlcl9jYWQgRVM="}}'
check "002 offer obtained for another country (exact body)" "$work/bad-offer" \
  'status == 422 and r == {"type": "https://developers.flywire.com", "title": "Bad Request", "status": 422, "detail": "Invalid parameters", "errors": [{"source": "/offer/id", "param": "id", "type": "invalid_param", "message": "is invalid"}]}'

# --- Seed 002: Creating the order failed - parameter item with invalid amount ---
request "$work/bad-amount" "$url/orders" -X POST -H "Content-Type: application/json" -H "X-Authentication-Key: $api_key" \
  -d '{"payer": {"first_name": "Peter", "country": "ES"}, "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID12345"}]},
       "items": [{"amount": 4000, "id": "tuition"}], "offer": {"id": "MTAwMDAgcHRfYmFua190cmFuc2Zlcl9jYWQgRVM="}}'
check "002 item below the recipient's limit (exact body)" "$work/bad-amount" \
  'status == 422 and r == {"type": "https://developers.flywire.com", "title": "Bad Request", "status": 422, "detail": "Invalid parameters", "errors": [{"source": "/recipient/items", "param": "items", "type": "invalid_param", "message": "Amount must be greater than $50.00"}]}'

# --- Seed 002: Charging an Order (Creating a Payment) ---
request "$work/charge" "$url/orders/$order/charge" \
  -X POST \
  -H "Content-Type: application/json" \
  -H "X-Authentication-Key: $api_key"
check "002 charge an order" "$work/charge" \
  'status == 201 and set(r) == {"payment_reference", "amount_from", "currency_from", "amount_to", "currency_to"} and re.fullmatch(r"FWU\d{9}", r["payment_reference"]) and r["amount_to"] == 120000 and r["currency_to"] == "USD" and r["currency_from"] == "CAD"'
payment=$(field "$work/charge" payment_reference)
request "$work/payment" "$url/payments/$payment" -H "X-Authentication-Key: $api_key"
check "002 the payment is stored" "$work/payment" "status == 200 and r['payment_id'] == '$payment' and r['status'] == 'initiated'"

# --- Seed 003: Creating a Checkout Session for Pre-Authorization Payments. The documented
# body has a trailing comma after "amount": 33000, which is not JSON; it is removed. ---
request "$work/session" "$url/checkout/sessions" \
-X POST \
-H "Content-Type: application/json" \
-H "X-Authentication-Key: $api_key" \
-d '{
"type": "tokenization_and_pay",
"charge_intent": {
"capture": "manual",
"authorization": "preauth",
"mode": "subscription"
},
"payor": {
"first_name": "Peter",
"last_name": "Payer",
"address": "123 High Street",
"city": "London",
"country": "GB",
"state": "",
"phone": "0044123456789",
"email": "[email protected]",
"zip": "SW1A 1AA"
},
"options": {
"form": {
"action_button": "save",
"locale": "en",
"show_flywire_logo": true
}
},
"recipient": {
"fields": [
{
"id": "custom_field_1",
"value": "ID12345"
},
{
"id": "custom_field_2",
"value": "2020"
}
]
},
"items": [
{
"id": "default",
"amount": 33000
}
],
"notifications_url": "https://webhook.site/9bf9cf8d-1d8c-46d1-b147-ca5841ff2ede",
"external_reference": "Payment ID12456",
"recipient_id": "FLW",
"schema": "cards",
"payor_id": "MyPayerID"
}'
check "003 create a pre-authorization session (response with warnings)" "$work/session" \
  'status == 201 and re.fullmatch(r"[0-9a-f-]{36}", r["id"]) and r["expires_in_seconds"] == 1800 and r["hosted_form"]["method"] == "GET" and r["hosted_form"]["url"].endswith("session_id=" + r["id"]) and r["warnings"] == [{"source": "email", "errors": [{"text": "must be a valid email", "error_type": "invalid_email"}]}]'
session=$(field "$work/session" id)
form_url=$(field "$work/session" hosted_form.url)

request "$work/early" "$url/checkout/sessions/$session/confirm" -X POST -H "Content-Type: application/json" -H "X-Authentication-Key: $api_key"
check "003 confirming before the form was sent is an error" "$work/early" 'status == 422 and r["errors"][0]["source"] == "/session"'

# The payer fills in the hosted form with a test card; the answer is the postMessage.
request "$work/form" "$form_url" -X POST -H "Content-Type: application/json" \
  -d '{"first_name": "Peter", "last_name": "Payer", "email": "peter@example.com", "country": "GB", "card_holder": "Peter Payer",
       "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}'
check "003 the form's postMessage" "$work/form" \
  "status == 200 and r['source'] == 'checkout_session' and r['success'] is True and r['confirm_url'] == {'method': 'POST', 'url': '$url/checkout/sessions/$session/confirm'} and r['payor'] == {'email': 'peter@example.com'}"
confirm_url=$(field "$work/form" confirm_url.url)

# --- Seed 003: Confirming a Checkout Session, with the URL from the postMessage ---
request "$work/confirm" "$confirm_url" \
-X POST \
-H "Content-Type: application/json" \
-H "X-Authentication-Key: $api_key"
check "003 confirm the session" "$work/confirm" \
  'status == 200 and re.fullmatch(r"FLW\d{9}", r["payment_reference"]) and r["charge_info"] == {"amount": 33000, "currency": "GBP"} and r["payment_method"]["type"] == "card" and r["payment_method"]["last_four_digits"] == "1111" and r["payment_method"]["card_expiration"] == "03/2030" and r["payment_method"]["brand"] == "visa" and set(r["payment_method"]) >= {"token", "card_classification", "country", "issuer"} and r["mandate"]["id"].startswith("MCFLW") and r["mandate"]["currency"] == "GBP" and r["payor"] == {"country": "GB", "email": "peter@example.com"}'
preauth=$(field "$work/confirm" payment_reference)

# "You can capture the blocked amount or less, but not more."
request "$work/capture-more" "$url/payments/$preauth/captures" -X POST -H "Content-Type: application/json" -H "X-Authentication-Key: $api_key" -d '{"amount": 33001}'
check "003 capturing more than the hold is refused" "$work/capture-more" 'status == 422 and r["errors"][0]["source"] == "/amount"'
request "$work/capture" "$url/payments/$preauth/captures" -X POST -H "Content-Type: application/json" -H "X-Authentication-Key: $api_key" -d '{"amount": 30000}'
check "003 capture less than the hold; the rest is released" "$work/capture" 'status == 201 and r["charge_result"] == {"status": "received"} and r["captured_amount"] == 30000 and r["released_amount"] == 3000'

echo "seed examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
