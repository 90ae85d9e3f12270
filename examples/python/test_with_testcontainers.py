"""A test suite's sandbox in a container, with Testcontainers (pip install testcontainers):
each test module gets a fresh fwpay-sandbox from the image of `make image` (or
`podman load -i fwpay-sandbox-VERSION.oci.tar`), on a free port, and throws it away after.
Docker or podman (`podman system service`, with DOCKER_HOST pointing at its socket) runs it.

    pytest examples/python/test_with_testcontainers.py
"""
import os

import pytest
from testcontainers.core.container import DockerContainer
from testcontainers.core.waiting_utils import wait_for_logs

import fwpay

IMAGE = os.environ.get("FWPAY_SANDBOX_IMAGE", "localhost/fwpay-sandbox:" + fwpay.__version__)


@pytest.fixture(scope="module")
def client():
    with DockerContainer(IMAGE).with_exposed_ports(8080) as sandbox:
        wait_for_logs(sandbox, "listening on", timeout=60)
        host, port = sandbox.get_container_host_ip(), sandbox.get_exposed_port(8080)
        with fwpay.Client(api_key="sandbox-demo-key", base_url=f"http://{host}:{port}/payments/v1") as client:
            yield client


def test_an_order_is_paid(client):
    offer = client.offers.list(recipient="FWU", amount=80000, country="ES")["offers"][0]
    order = client.orders.create({
        "payer": {"first_name": "Peter", "last_name": "Payer", "country": "ES", "email": "peter@example.com"},
        "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID12345"}]},
        "items": [{"id": "tuition", "amount": 80000}],
        "offer": {"id": offer["id"]},
    })
    payment = client.orders.charge(order["id"], idempotency_key=f"order-{order['id']}")
    assert payment["payment_reference"].startswith("FWU")
