"""Builds the fwpay wheel with libfwpay.so inside it.

The package is a ctypes binding: it works with any Python 3, so the wheel is tagged
py3-none-<platform> (`make wheel` then repairs it into a manylinux wheel with auditwheel).
The library is built from the repository's Swift sources with `make lib`; on a fresh clone
this runs by itself. There is no sdist: it could not build without the whole repository and
a Swift toolchain, so fwpay ships as a wheel, or from a clone (README.md, "Install").
"""
import os
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools before 70.1
    from wheel.bdist_wheel import bdist_wheel  # type: ignore[no-redef]

HERE = os.path.dirname(os.path.abspath(__file__))
LIBRARY = os.path.join(HERE, "fwpay", "libfwpay.so")
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


class BuildWithLibrary(build_py):
    def run(self) -> None:
        if not os.path.exists(LIBRARY):
            if not os.path.exists(os.path.join(ROOT, "Package.swift")):
                raise SystemExit("fwpay: libfwpay.so is missing and there is no fwpay repository to build it from; "
                                 "install the wheel (pip install fwpay-*.whl), or build from a clone with `make wheel`")
            if shutil.which("swift") is None:
                raise SystemExit("fwpay: building libfwpay.so needs the Swift 6.3 toolchain (swift is not on PATH); "
                                 "install it from swift.org, or install the prebuilt wheel instead")
            subprocess.run(["make", "-C", ROOT, "lib"], check=True)
        super().run()


class Py3Wheel(bdist_wheel):
    """py3-none-<platform>: the library is C, loaded by ctypes, whatever the Python."""

    def finalize_options(self) -> None:
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self) -> tuple[str, str, str]:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


class NoSdist(sdist):
    def run(self) -> None:
        raise SystemExit("fwpay: no sdist is made; it could not build without the repository's Swift sources and "
                         "toolchain. Ship the wheel (`make wheel`), or build from a clone of the repository.")


class BinaryDistribution(Distribution):
    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": Py3Wheel, "sdist": NoSdist},
      distclass=BinaryDistribution)
