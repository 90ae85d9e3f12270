"""TypedDicts of the request bodies the package sends and the results it returns, so that mypy
(and editors) catch a misspelt field::

    body: fwpay.types.OrderCreate = {"payer": {...}, "recipient": {"id": "FWU"}, "items": [...]}
    order = client.orders.create(body)
    order["payment_reference"]      # mypy: fine
    order["payment_refrence"]       # mypy: TypedDict "Order" has no key "payment_refrence"

Every TypedDict is total=False: the package is tolerant of what it reads (a member the server
leaves out is not an error), and the server, not the client, decides what a body needs. Fields
are those of Flywire's documentation and of the public integrations (docs/flywire-api.md,
real-api-evidence.md); members marked sandbox-only are fwpay-sandbox's. A result also carries
the answer's ``response`` (fwpay.Response) as an attribute.
"""
from __future__ import annotations

from typing import Any, Literal, TypedDict, Union

# ---- Parts of bodies and results --------------------------------------------------------


class Money(TypedDict, total=False):
    value: int  # subunits
    currency: str


class FieldValue(TypedDict, total=False):
    id: str
    value: str


class Payer(TypedDict, total=False):
    first_name: str
    middle_name: str
    last_name: str
    email: str
    phone: str
    address1: str
    address2: str
    city: str
    state: str
    zip: str
    country: str  # ISO 3166 alpha-2


class RecipientRef(TypedDict, total=False):
    id: str
    fields: list[FieldValue]


class Item(TypedDict, total=False):
    id: str
    amount: int  # subunits of the recipient's currency
    description: str


class OfferRef(TypedDict, total=False):
    id: str


class ChargeIntent(TypedDict, total=False):
    mode: Literal["one_off", "unscheduled", "scheduled", "subscription"]
    capture: Literal["automatic", "manual"]
    authorization: Literal["preauth", "final"]


class PaymentMethod(TypedDict, total=False):
    type: str
    token: str
    brand: str
    card_classification: str
    last_four_digits: str
    card_expiration: str  # "MM/YYYY"
    country: str
    issuer: str


class ChargeInfo(TypedDict, total=False):
    amount: int
    currency: str


class Page(TypedDict, total=False):
    page: int
    per_page: int
    total_entries: int
    total_pages: int


# ---- Recipients and offers -------------------------------------------------------------


class RecipientField(TypedDict, total=False):
    id: str
    label: str
    type: str
    required: bool


class RecipientSettings(TypedDict, total=False):
    currency: str
    min_amount: int
    max_amount: int


class Recipient(TypedDict, total=False):
    id: str
    external_code: str
    name: str
    country: str
    state: str | None
    currency: str
    fields: list[RecipientField]
    settings: RecipientSettings


class RecipientPage(Page, total=False):
    recipients: list[Recipient]


class Offer(TypedDict, total=False):
    id: str
    type: str
    price: Money
    amount_to: Money
    exchange_rate: float
    fields: list[dict[str, Any]]


class OfferList(TypedDict, total=False):
    offers: list[Offer]


# ---- Orders ----------------------------------------------------------------------------


class OrderCreate(TypedDict, total=False):
    payer: Payer
    recipient: RecipientRef
    items: list[Item]
    offer: OfferRef
    external_reference: str
    metadata: dict[str, str]  # at most 20 pairs; keys <= 40, values <= 500 characters
    notifications_url: str


#: PATCH /orders/{id}: everything but the recipient's id.
OrderUpdate = OrderCreate


class Order(OrderCreate, total=False):
    id: str
    created_at: str
    status: str  # sandbox-only: "open" or "charged"
    payment_reference: str  # sandbox-only, once charged


class OrderPage(Page, total=False):  # sandbox-only
    orders: list[Order]


class ChargeResult(TypedDict, total=False):
    payment_reference: str
    amount_from: int
    currency_from: str
    amount_to: int
    currency_to: str


class OrderCheck(TypedDict, total=False):  # sandbox-only
    compatible: bool
    order_id: str
    portal: str


# ---- Checkout sessions ------------------------------------------------------------------


class SessionCreate(TypedDict, total=False):
    type: Literal["one_off", "tokenization", "tokenization_and_pay", "new_mandate", "new_mandate_and_pay"]
    recipient_id: str
    schema: str
    charge_intent: ChargeIntent
    payer: Payer
    recipient: RecipientRef
    items: list[Item]
    external_reference: str
    notifications_url: str
    metadata: dict[str, str]


class HostedForm(TypedDict, total=False):
    url: str
    method: str


class Session(TypedDict, total=False):
    id: str
    hosted_form: HostedForm
    expires_at: str
    expires_in_seconds: int
    warnings: list[Any]


class Mandate(TypedDict, total=False):
    id: str
    currency: str


class Payor(TypedDict, total=False):
    id: str
    country: str
    email: str


class ConfirmedSession(TypedDict, total=False):
    payment_reference: str
    charge_info: ChargeInfo
    payment_method: PaymentMethod
    mandate: Mandate
    payor: Payor


# ---- Payments --------------------------------------------------------------------------


class TokenCharge(TypedDict, total=False):
    payment_method_token: str
    mandate_id: str
    payor_id: str
    charge_intent: ChargeIntent
    recipient: RecipientRef
    items: list[Item]
    external_reference: str
    notifications_url: str


class ChargeOutcome(TypedDict, total=False):
    status: str


class TokenChargeResult(TypedDict, total=False):
    payment_reference: str
    charge_info: ChargeInfo
    charge_result: ChargeOutcome


class Payment(TypedDict, total=False):
    payment_id: str
    status: str
    status_detail: str
    amount_from: int
    currency_from: str
    amount_to: int
    currency_to: str
    external_reference: str | None
    payor_id: str | None
    recipient_id: str
    order_id: str | None
    session_id: str | None
    payment_method: PaymentMethod
    charge_intent: dict[str, Any]  # a pre-authorization's: capture, authorized_amount, captured_amount...
    mandate: Mandate
    metadata: dict[str, str]
    created_at: str
    updated_at: str


class PaymentPage(Page, total=False):
    payments: list[Payment]


# ---- Refunds and bundles ----------------------------------------------------------------


class RefundCreate(TypedDict, total=False):
    amount: int
    external_reference: str
    notifications_url: str
    enable_payer_email_notifications: bool


class Refund(TypedDict, total=False):
    refund_id: str
    payment_id: str
    bundle_id: str
    created_at: str
    status: str
    amount: int
    currency: str
    amount_to: int
    currency_to: str
    recipient_id: str
    external_reference: str | None


class RefundPage(Page, total=False):
    refunds: list[Refund]


class Bundle(TypedDict, total=False):
    id: str
    status: str
    amount: int
    currency: str
    refunds: list[Refund]
    created_at: str


class BundlePage(Page, total=False):
    refund_bundles: list[Bundle]


#: Any result: what ``client.request`` returns.
Result = Union[dict[str, Any], list[Any]]
