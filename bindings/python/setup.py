"""Builds the fwpay package with libfwpay.so inside it.

On a fresh clone the library is not in fwpay/ yet: it is built first with `make lib` from
the repository root (which needs the Swift toolchain), so that `pip install ./bindings/python`
works on its own. The wheel is platform-specific, since it carries a shared library.
"""
import os
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
LIBRARY = os.path.join(HERE, "fwpay", "libfwpay.so")
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


class BuildWithLibrary(build_py):
    def run(self) -> None:
        if not os.path.exists(LIBRARY):
            if not os.path.exists(os.path.join(ROOT, "Makefile")):
                raise SystemExit("fwpay: libfwpay.so is missing and there is no repository to build it from; "
                                 "run `make lib` in the fwpay repository first")
            subprocess.run(["make", "-C", ROOT, "lib"], check=True)
        super().run()


class BinaryDistribution(Distribution):
    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildWithLibrary}, distclass=BinaryDistribution)
