"""The fwpay command's everyday ergonomics against a private sandbox: --jq (libjq), global
options anywhere, profiles, --api-key-file -, streaming --all, each action's --help, numbers
as the server wrote them, and the completion scripts loaded into bash, zsh and fish."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import Any

import pytest

from test_cli import FWPAY, ok, order_json, run

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bindings" / "python"))
import fwpay  # noqa: E402


def bare(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """fwpay with only PATH (and `env`) in its environment: no key, no URL, no profile."""
    return subprocess.run([FWPAY, *args], input=stdin, capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ.get("PATH", ""), **(env or {})})


def test_jq_picks_fields_and_prints_strings_raw(sandbox: Any) -> None:
    assert run(sandbox, "recipients", "get", "FWU", "--jq", ".name").stdout == "Flywire University\n"
    result = run(sandbox, "recipients", "get", "FWU", "--jq", "[.fields[] | select(.required) | .id]")
    assert json.loads(result.stdout) == ["custom_field_1"]
    # Several results: one per line.
    assert run(sandbox, "recipients", "list", "--jq", ".recipients[].id").stdout.split() == ["BHU", "ETM", "FLW", "FWU", "TKU"]
    # jq's own language, not a subset: functions, string interpolation, arithmetic.
    listing = run(sandbox, "recipients", "list", "--jq", r'"\(.recipients | map(.currency) | unique | join(",")) \(.total_entries * 2)"')
    assert listing.stdout == "BHD,EUR,GBP,JPY,USD 10\n"


def test_a_bad_jq_expression_is_refused_before_anything_is_sent(sandbox: Any) -> None:
    body = order_json(sandbox)
    result = run(sandbox, "orders", "create", "--data", body, "--jq", ".id |")
    assert result.returncode == 64 and "fwpay: --jq: error: syntax error" in result.stderr
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, allow_insecure_http=True) as client:
        assert client.orders.page()["total_entries"] == 0  # no order was created


def test_a_jq_failure_on_the_answer_keeps_the_answer(sandbox: Any) -> None:
    result = run(sandbox, "orders", "create", "--data", order_json(sandbox), "--jq", ".id | .nope")
    assert result.returncode == 65 and result.stdout == ""
    assert "the request succeeded, and its answer was:" in result.stderr
    created = json.loads(result.stderr.split("its answer was:\n", 1)[1])
    assert ok(run(sandbox, "orders", "get", created["id"]))["status"] == "open"


def test_global_options_go_anywhere_and_take_the_equals_form(sandbox: Any) -> None:
    env = {"FWPAY_API_KEY": sandbox.api_key}
    for args in (["--base-url", sandbox.base_url, "recipients", "get", "FWU"],
                 ["recipients", "get", "FWU", "--base-url", sandbox.base_url],
                 ["recipients", f"--base-url={sandbox.base_url}", "get", "--jq=.", "FWU"],
                 ["recipients", "--pretty", "get", "FWU", "--compact", f"--base-url={sandbox.base_url}"]):
        result = bare(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert json.loads(result.stdout)["id"] == "FWU" and result.stdout.count("\n") == 1
    pretty = bare("recipients", "get", "FWU", "--pretty", "--base-url", sandbox.base_url, env=env)
    assert pretty.stdout.count("\n") > 5
    # An action's option keeps its value, even one that looks like a global option.
    order = ok(run(sandbox, "orders", "create", "--data", order_json(sandbox)))
    updated = ok(run(sandbox, "orders", "update", order["id"], "--data", '{"external_reference": "--pretty"}'))
    assert updated["external_reference"] == "--pretty"
    # After --, nothing is taken as a global option.
    searched = run(sandbox, "--pretty", "recipients", "search", "--", "--compact")
    assert searched.returncode == 0 and searched.stdout.count("\n") > 1  # --compact was the name searched
    assert bare("recipients", "get", "FWU", "--base-url", env=env).returncode == 64


def profile_file(tmp_path: pathlib.Path, text: str, mode: int = 0o600) -> dict[str, str]:
    path = tmp_path / "fwpay" / "config"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return {"XDG_CONFIG_HOME": str(tmp_path)}


def test_profiles_from_the_configuration_file(sandbox: Any, tmp_path: pathlib.Path) -> None:
    key_file = tmp_path / "second.key"
    key_file.write_text(sandbox.second_api_key + "\n")
    env = profile_file(tmp_path, f"""; fwpay profiles
[default]
base_url = {sandbox.base_url}
api_key = {sandbox.api_key}

[second]
base_url = {sandbox.base_url}
api_key_file = {key_file}

[broken]
base_url = http://127.0.0.1:1/payments/v1
api_key = wrong
""")
    demo = fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, allow_insecure_http=True)
    order = demo.orders.create(json.loads(order_json(sandbox)))
    # [default] with nothing else set: the demo client sees its order.
    assert bare("orders", "get", order["id"], "--jq", ".id", env=env).stdout.strip() == order["id"]
    # --profile second (or FWPAY_PROFILE): the second client's key, read from its file, is
    # another client, which cannot see the order.
    assert bare("--profile", "second", "orders", "get", order["id"], env=env).returncode == 5
    assert bare("orders", "get", order["id"], env={**env, "FWPAY_PROFILE": "second"}).returncode == 5
    # The environment comes before [default], a profile chosen by name before the environment,
    # and flags before everything.
    assert bare("orders", "get", order["id"], env={**env, "FWPAY_API_KEY": sandbox.second_api_key}).returncode == 5
    chosen = bare("--profile=second", "orders", "get", order["id"], env={**env, "FWPAY_API_KEY": sandbox.api_key})
    assert chosen.returncode == 5
    flagged = bare("orders", "get", order["id"], "--profile", "broken", "--base-url", sandbox.base_url,
                   "--api-key-file", "-", env=env, stdin=sandbox.api_key + "\n")
    assert flagged.returncode == 0, flagged.stderr
    # Mistakes are named.
    missing = bare("--profile", "nope", "recipients", "list", env=env)
    assert missing.returncode == 64 and "has no profile [nope]" in missing.stderr
    unknown = profile_file(tmp_path, "[default]\napi_kee = x\n")
    result = bare("recipients", "list", env=unknown)
    assert result.returncode == 64 and "config:2: 'api_kee' is not a setting" in result.stderr


def test_a_profile_readable_by_others_is_refused(sandbox: Any, tmp_path: pathlib.Path) -> None:
    env = profile_file(tmp_path, f"[default]\nbase_url = {sandbox.base_url}\napi_key = {sandbox.api_key}\n", 0o644)
    result = bare("recipients", "list", env=env)
    assert result.returncode == 64 and "chmod 600" in result.stderr and "(mode 644)" in result.stderr
    assert sandbox.api_key not in result.stderr


def test_api_key_file_from_standard_input(sandbox: Any) -> None:
    result = bare("--api-key-file", "-", "recipients", "get", "FWU", "--jq", ".id",
                  env={"FWPAY_BASE_URL": sandbox.base_url}, stdin=sandbox.api_key + "\n")
    assert result.returncode == 0 and result.stdout == "FWU\n"


def test_numbers_are_printed_as_the_server_wrote_them(sandbox: Any) -> None:
    raw = run(sandbox, "offers", "list", "--recipient", "FWU", "--amount", "120000", "--country", "ES").stdout
    assert '"exchange_rate":0.9292,' in raw and "0.92920000000000003" not in raw
    pretty = run(sandbox, "--pretty", "offers", "list", "--recipient", "FWU", "--amount", "120000", "--country", "ES").stdout
    assert '"exchange_rate": 0.9292' in pretty
    assert json.loads(pretty) == json.loads(raw)
    # The same layout as before for everything else: jansson's, two spaces, ": " in pretty.
    assert pretty.startswith('{\n  "offers": [\n    {\n      "id": ')


def create_orders(sandbox: Any, count: int) -> None:
    body = json.loads(order_json(sandbox))
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, allow_insecure_http=True) as client:
        for number in range(count):
            client.orders.create({**body, "external_reference": f"stream-{number}"})


def max_rss_kib(sandbox: Any, *args: str) -> int:
    """The peak resident memory of one fwpay run, measured by a parent that waits for it."""
    probe = ("import resource, subprocess, sys\n"
             "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
             "assert done.returncode == 0\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    result = subprocess.run([sys.executable, "-c", probe, FWPAY, *args], capture_output=True, text=True, timeout=300,
                            env={"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url,
                                 "FWPAY_API_KEY": sandbox.api_key})
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_all_streams_one_item_per_line_in_constant_memory(sandbox: Any) -> None:
    create_orders(sandbox, 3000)
    streamed = run(sandbox, "orders", "list", "--all", "--per-page", "100")
    lines = streamed.stdout.splitlines()
    assert streamed.returncode == 0 and len(lines) == 3000
    assert {json.loads(line)["external_reference"] for line in lines} == {f"stream-{n}" for n in range(3000)}
    assert "page" not in streamed.stderr  # the page counter is for terminals only
    array = run(sandbox, "orders", "list", "--all", "--array", "--jq", "length")
    assert array.stdout == "3000\n"
    assert run(sandbox, "orders", "list", "--all", "--jq", ".external_reference").stdout.splitlines()[0].startswith("stream-")
    # 30 pages streamed cost what one page costs; the array of all 3000 holds them all.
    one_page = max_rss_kib(sandbox, "orders", "list", "--per-page", "100")
    all_pages = max_rss_kib(sandbox, "orders", "list", "--all", "--per-page", "100")
    holding = max_rss_kib(sandbox, "orders", "list", "--all", "--array", "--per-page", "100")
    assert all_pages < one_page + 2048, (one_page, all_pages)
    assert holding > all_pages + 4096, (all_pages, holding)


def test_the_page_counter_on_a_terminal(sandbox: Any) -> None:
    create_orders(sandbox, 5)
    import pty
    leader, follower = pty.openpty()
    result = subprocess.run([FWPAY, "orders", "list", "--all", "--per-page", "2"], stdout=subprocess.PIPE,
                            stderr=follower, timeout=60,
                            env={"PATH": "", "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key})
    os.close(follower)
    chunks = []
    while True:  # everything the command wrote, however the pty split it (EIO at the end)
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    counter = b"".join(chunks).decode()
    os.close(leader)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 5
    assert "\rfwpay: page 1" in counter and "\rfwpay: page 3" in counter and "5 items in 3 pages" in counter


def every_action() -> list[tuple[str, str]]:
    listing = bare("--help").stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    found = []
    for line in listing.splitlines():
        command = line.split()[0]
        usage = bare(command, "--help")
        if usage.stdout.startswith("usage: fwpay "):  # listen, request: the command is the action
            found.append((command, ""))
            continue
        for entry in usage.stdout.split("usage:\n", 1)[1].split("\n\n", 1)[0].splitlines():
            found.append((command, entry.split()[2]))
    return found


def test_each_action_has_its_own_help() -> None:
    actions = every_action()
    assert len(actions) >= 35 and ("orders", "create") in actions and ("listen", "") in actions
    for command, action in actions:
        result = bare(command, *([action] if action else []), "--help")
        assert result.returncode == 0, (command, action)
        assert result.stdout.startswith(f"usage: fwpay {command}"), result.stdout
        assert "\nExample:\n  fwpay " in result.stdout, (command, action)
        if action == "create":
            skeleton = result.stdout.split("A body to start from:\n", 1)[1].split("\n\nExample", 1)[0]
            assert isinstance(json.loads(skeleton), dict)
    capture = bare("payments", "capture", "--help").stdout
    assert "--amount SUBUNITS" in capture and "--idempotency-key KEY" in capture and "--timeout SECONDS" in capture
    listing = bare("help", "orders", "list").stdout
    assert "--status open|charged" in listing and "--all" in listing and "--array" in listing
    assert all(len(line) <= 100 for line in bare("orders", "create", "--help").stdout.splitlines())


def bash_complete(line: str) -> list[str]:
    """What bash offers at the end of `line`, with the script loaded by `complete`."""
    script = subprocess.run([FWPAY, "completion", "bash"], capture_output=True, text=True, check=True).stdout
    program = (script + "\n"
               "complete -p fwpay\n"
               f"COMP_LINE={json.dumps(line)}\n"
               'read -ra COMP_WORDS <<< "$COMP_LINE"\n'
               '[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")\n'
               "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
               "_fwpay fwpay\n"
               'printf "%s\\n" "${COMPREPLY[@]}"\n')
    result = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    registered, *offered = result.stdout.splitlines()
    assert registered == "complete -F _fwpay fwpay"
    return offered


def test_bash_completion() -> None:
    assert {"orders", "payments", "listen", "completion", "help"} <= set(bash_complete("fwpay "))
    assert bash_complete("fwpay or") == ["orders"]
    assert set(bash_complete("fwpay orders ")) == {"create", "update", "charge", "get", "list", "check"}
    assert set(bash_complete("fwpay --profile x payments ca")) == {"capture", "cancel"}
    offered = bash_complete("fwpay payments capture FWU1 --")
    assert {"--amount", "--idempotency-key", "--timeout", "--jq", "--profile"} <= set(offered)
    assert "--data" not in offered
    assert {"--all", "--array", "--page", "--status"} <= set(bash_complete("fwpay orders list --"))
    assert "--forward" in bash_complete("fwpay listen --")
    assert set(bash_complete("fwpay request ")) == {"GET", "POST", "PATCH", "DELETE"}


def test_zsh_and_fish_completion(tmp_path: pathlib.Path) -> None:
    (tmp_path / "_fwpay").write_text(subprocess.run([FWPAY, "completion", "zsh"], capture_output=True, text=True, check=True).stdout)
    zsh = subprocess.run(["zsh", "-f", "-c", f"fpath=({tmp_path} $fpath); autoload -Uz compinit; compinit -u -d {tmp_path}/dump; "
                          "print -r -- $_comps[fwpay]; autoload -Uz +X _fwpay && whence -w _fwpay"],
                         capture_output=True, text=True, timeout=30)
    assert zsh.returncode == 0, zsh.stderr
    assert zsh.stdout.splitlines() == ["_fwpay", "_fwpay: function"]
    fish_script = tmp_path / "fwpay.fish"
    fish_script.write_text(subprocess.run([FWPAY, "completion", "fish"], capture_output=True, text=True, check=True).stdout)

    def fish(line: str) -> dict[str, str]:
        result = subprocess.run(["fish", "--no-config", "-c", f"source {fish_script}; complete -C {json.dumps(line)}"],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
        return dict((entry.split("\t") + [""])[:2] for entry in result.stdout.splitlines())

    commands = fish("fwpay ")
    listing = bare("--help").stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    summaries = dict(line.split(None, 1) for line in listing.splitlines())
    assert commands["orders"] == summaries["orders"] and "refunds" in commands
    assert set(fish("fwpay orders ")) == {"create", "update", "charge", "get", "list", "check"}
    options = fish("fwpay payments capture FWU1 --")
    assert options["--amount"].startswith("the amount to capture") and "--idempotency-key" in options
    assert "--data" not in options


def test_each_command_has_one_summary() -> None:
    # A command's summary is written once: fwpay --help and fwpay <command> --help say the same.
    listing = bare("--help").stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    checked = 0
    for line in listing.splitlines():
        command, summary = line.split(None, 1)
        usage = bare(command, "--help").stdout
        if usage.startswith(f"fwpay {command}: "):
            assert usage.splitlines()[0] == f"fwpay {command}: {summary.strip()}", command
            checked += 1
    assert checked >= 9
