"""Ship the top-level ``resources/`` folder inside the wheel.

Why a setup.py at all: setuptools' declarative config cannot map a folder that
lies *outside* the package into it. We copy ``resources/`` to
``wijkkompas/_resources`` in the build tree only, so the source checkout keeps
one copy and ``wijkkompas.resources.path()`` finds either location.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = ROOT / "resources"
        target = Path(self.build_lib) / "wijkkompas" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithResources})
