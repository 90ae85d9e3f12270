"""The Composer package of `make packages` under Debian's php-fpm, set up as docs/servers.md
("php-fpm") says for it: the scope file its `bin/fwpay-ffi-scope` writes (FFI_LIB naming the
package's own libfwpay by its path) as ffi.preload, its preload.php as opcache.preload, and no
libfwpay anywhere the dynamic linker looks. Driven through FastCGI, as tests/servers does."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "servers"))

from test_php_fpm import assert_orders, serve_orders  # noqa: E402

VERSION = (ROOT / "VERSION").read_text().strip()


def test_php_fpm_runs_the_composer_package_with_its_own_library(sandbox: Any) -> None:
    installed = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    assert "libfwpay.so" not in installed, "a system libfwpay would hide what this test checks"
    # Outside pytest's private folders: the workers run as www-data.
    directory = pathlib.Path(tempfile.mkdtemp(prefix="fwpay-fpm-package-"))
    os.chmod(directory, 0o777)
    try:
        package = directory / "vendor" / "fwpay" / "fwpay"
        with zipfile.ZipFile(ROOT / "dist" / f"fwpay-php-{VERSION}.zip") as archive:
            archive.extractall(package)
        for folder in (directory / "vendor", directory / "vendor" / "fwpay", *[p for p in package.rglob("*") if p.is_dir()], package):
            os.chmod(folder, 0o755)
        scope = directory / "fwpay_scope.h"
        written = subprocess.run(["php", str(package / "bin" / "fwpay-ffi-scope")], capture_output=True, text=True,
                                 check=True, timeout=60).stdout
        assert f'#define FFI_LIB "{package / "lib" / "native" / "libfwpay.so"}"' in written, written[:300]
        scope.write_text(written)
        results = serve_orders(directory, sandbox, as_root=True, package=package, scope=scope, library_path=None)
        www_data = int(subprocess.run(["id", "-u", "www-data"], capture_output=True, text=True, check=True).stdout)
        assert_orders(results, www_data)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
