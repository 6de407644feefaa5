"""Builds mandate._mandate with CMake (the project's build) for pip.

pyproject.toml holds the metadata; this file only tells setuptools how to
build the extension: configure the checkout two levels up in Release mode,
build the `mandate_python` target, and put the module where setuptools
packs it. Warnings do not fail an install (MANDATE_WERROR=OFF):
the compiler a user has may warn where the project's does not. MANDATE_CMAKE_ARGS adds CMake arguments (for example
"-DCMAKE_CXX_COMPILER_LAUNCHER=ccache").
"""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parents[2]


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        build = Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
            "-DMANDATE_BUILD_TESTS=OFF", "-DMANDATE_BUILD_BENCHMARKS=OFF",
            "-DMANDATE_BUILD_PYTHON=ON", "-DMANDATE_WERROR=OFF",
            "-DMANDATE_BUILD_CLI=OFF", "-DMANDATE_INSTALL=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
            f"-DMANDATE_PYTHON_PACKAGE_DIR={build / 'package'}",
        ]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("MANDATE_CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        jobs = str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build), "--target", "mandate_python", "-j", jobs],
                       check=True)
        built = next((build / "package").glob("_mandate*.so"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(ext_modules=[Extension("mandate._mandate", sources=[])], cmdclass={"build_ext": CMakeBuild})
