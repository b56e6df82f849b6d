"""resources.path() finds the bundled data from a checkout and from an installed wheel."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijkkompas import resources


def test_resources_root_has_the_bundled_folders():
    root = resources.root()
    assert (root / "demo" / "demo.json").is_file()
    assert resources.path("demo", "demo.json") == root / "demo" / "demo.json"


def test_installed_package_finds_resources_without_the_checkout(tmp_path: Path):
    """Run from an unrelated folder: an installed (non-editable) wheel must carry resources itself."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = "import wijkkompas, wijkkompas.resources as r; print(wijkkompas.__file__); print(r.root())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    if result.returncode != 0:
        pytest.skip("wijkkompas is not installed in this environment (source-tree run)")
    package_file, root = result.stdout.strip().splitlines()
    package_dir = Path(package_file).parent
    if (package_dir.parent / "resources").is_dir() and (package_dir.parent / "pyproject.toml").is_file():
        pytest.skip("editable/source install: resources come from the checkout")
    assert Path(root) == package_dir / "_resources"
    assert (Path(root) / "demo" / "demo.json").is_file()
