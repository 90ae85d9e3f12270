"""Conformance runner: the calls of steps.json through the fwpay command (see ../test_conformance.py).

Each call is one run of `fwpay RESOURCE ACTION ...`: positional arguments as such, named ones
as --flags, a body as --data, the per-call options as --idempotency-key, --timeout and
--retries. What answered it is the request id the command logs under FWPAY_LOG=info."""
import json
import os
import re
import subprocess
import sys
from typing import Any

from plan import pick, plan, resolve, saved  # noqa: E402 (beside this file)

FWPAY = os.environ["FWPAY_COMMAND"]


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def command_line(step: dict[str, Any]) -> list[str]:
    words = [step["resource"], "list" if step["form"] == "page" else step["method"]]
    for name, value in resolve(step.get("filters", {})).items():
        words += [flag(name), str(value)]
    if step["form"] == "list":
        words += ["--all", "--per-page", "2"]
    elif step["form"] == "page":
        words += ["--page", "1", "--per-page", "2"]
    for argument in step["arguments"]:
        value = resolve(argument["value"])
        if argument["name"] == "body":
            words += ["--data", json.dumps(value)]
        elif argument["keyword"]:
            words += [flag(argument["face"]), str(value)]
        else:
            words.append(str(value))
    options = step["options"]
    if "idempotency_key" in options:
        words += ["--idempotency-key", options["idempotency_key"]]
    if "timeout" in options:
        words += ["--timeout", str(options["timeout"])]
    if "max_retries" in options:
        words += ["--retries", str(options["max_retries"])]
    return words


for step in plan["steps"]:
    run = subprocess.run([FWPAY, *command_line(step)], capture_output=True, text=True, timeout=120)
    sys.stderr.write(run.stderr)
    request_ids = re.findall(r"request (req_[A-Za-z0-9_-]+)", run.stderr)
    report: dict[str, Any] = {"operation": step["operation"], "method": step["method"], "ok": run.returncode == 0,
                              "request_id": request_ids[-1] if request_ids else None}
    if run.returncode == 0:
        lines = run.stdout.splitlines()
        answer = [json.loads(line) for line in lines] if step["form"] == "list" else json.loads(run.stdout)
        for name, path in step["save"].items():
            saved[name] = pick(answer, path)
    else:
        report.update({"class": f"exit {run.returncode}", "error": run.stderr.strip()[-500:]})
    print(json.dumps(report), flush=True)
