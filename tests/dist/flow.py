"""Run inside tests/dist/hidden-toolchain.sh by the Python of a venv that has the wheel
installed: starts SANDBOX on port 0 with a fresh database, runs the Python examples (order
flow, pre-authorization and capture, refund) against it, and prints one JSON line of what it
saw: where fwpay was loaded from, the libraries mapped into this process and the sandbox's.

    python flow.py SANDBOX EXAMPLES_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys
import time


def start(sandbox: str, work: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sandbox, "--port", "0", "--db", os.path.join(work, "dist.sqlite")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        if match:
            return process, match.group(1)
        if process.poll() is not None:
            break
    raise SystemExit("flow: the sandbox did not start")


def mapped(pid: str) -> list[str]:
    with open(f"/proc/{pid}/maps") as maps:
        return sorted({line.split()[-1] for line in maps if ".so" in line})


def main(sandbox: str, examples: str, work: str) -> int:
    import fwpay
    process, root = start(sandbox, work)
    try:
        env = dict(os.environ, FWPAY_BASE_URL=root + "/payments/v1", FWPAY_API_KEY="sandbox-demo-key")
        outputs = {}
        for name in ("order_flow.py", "preauth_capture.py"):
            outputs[name] = subprocess.run([sys.executable, os.path.join(examples, name)], env=env, check=True,
                                           capture_output=True, text=True, timeout=120).stdout
        with fwpay.Client(api_key="sandbox-demo-key", base_url=root + "/payments/v1") as client:
            offer = client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]
            order = client.orders.create({"payer": {"first_name": "SANDBOX_TO_DELIVERED_STATUS", "country": "ES"},
                                          "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
                                          "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offer["id"]}})
            reference = client.orders.charge(order["id"])["payment_reference"]
        outputs["refund.py"] = subprocess.run([sys.executable, os.path.join(examples, "refund.py"), reference], env=env,
                                              check=True, capture_output=True, text=True, timeout=120).stdout
        version = subprocess.run([sandbox, "--version"], capture_output=True, text=True, check=True).stdout.strip()
        print(json.dumps({"fwpay_file": fwpay.__file__, "version": fwpay.__version__,
                          "library_version": fwpay.library_version, "sandbox_version": version,
                          "outputs": outputs, "python_libraries": mapped("self"),
                          "sandbox_libraries": mapped(str(process.pid)), "path": os.environ.get("PATH")}))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
