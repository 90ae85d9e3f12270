"""Conformance runner: the calls of steps.json through the Python face (see ../test_conformance.py)."""
import json
import os
from typing import Any

import fwpay

from plan import pick, plan, resolve, saved  # noqa: E402 (beside this file)


client = fwpay.Client(api_key=os.environ["FWPAY_API_KEY"], base_url=os.environ["FWPAY_BASE_URL"])
for step in plan["steps"]:
    try:
        method = getattr(getattr(client, step["resource"]), step["method"])
        filters = resolve(step.get("filters", {}))
        if step["form"] == "list":
            answer: Any = list(method(**filters, per_page=2, **step["options"]))
        elif step["form"] == "page":
            answer = method(**filters, page=1, per_page=2, **step["options"])
        else:
            positional = [resolve(a["value"]) for a in step["arguments"] if not a["keyword"]]
            named = {a["face"]: resolve(a["value"]) for a in step["arguments"] if a["keyword"]}
            answer = method(*positional, **named, **step["options"])
        for name, path in step["save"].items():
            saved[name] = pick(answer, path)
        response = getattr(answer, "response", None)
        print(json.dumps({"operation": step["operation"], "method": step["method"], "ok": True,
                          "request_id": response.request_id if response else None}), flush=True)
    except Exception as error:  # every failure is reported, and the next call still runs
        print(json.dumps({"operation": step["operation"], "method": step["method"], "ok": False,
                          "class": type(error).__name__, "error": str(error)}), flush=True)
