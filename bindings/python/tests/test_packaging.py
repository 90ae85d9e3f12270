"""`pip install ./bindings/python` gives a package that carries its library: `import fwpay`
works from anywhere, with no environment variable, and reports the library's version."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[1]
VERSION = (PACKAGE.parents[1] / "VERSION").read_text().strip()


def test_pip_install_bundles_the_library(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
                              "--target", str(target), str(PACKAGE)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    assert (target / "fwpay" / "libfwpay.so").exists() and (target / "fwpay" / "py.typed").exists()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(target)}
    check = subprocess.run([sys.executable, "-c", "import fwpay, sys; print(fwpay.__version__); print(fwpay.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert check.returncode == 0, check.stderr
    version, location = check.stdout.split()
    assert version == VERSION and location.startswith(str(target))
