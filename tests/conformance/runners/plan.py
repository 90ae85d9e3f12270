"""What the Python-written runners share: the plan of steps.json, the values saved from
earlier answers ("$name"), and picking a saved value out of an answer ("offers.0.id")."""
import json
import sys
from typing import Any

plan = json.load(open(sys.argv[1]))
saved: dict[str, Any] = dict(plan["prepared"])


def resolve(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return saved[value[1:]]
    if isinstance(value, dict):
        return {k: resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v) for v in value]
    return value


def pick(answer: Any, path: str) -> Any:
    for part in path.split("."):
        answer = answer[int(part)] if isinstance(answer, list) else answer[part]
    return answer
