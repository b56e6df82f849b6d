"""core.lazy: a stand-in module that imports on first attribute access."""
from __future__ import annotations

import subprocess
import sys

from wijkkompas.core.lazy import lazy_module


def test_first_attribute_access_imports_and_forwards():
    code = (
        "import sys\n"
        "from wijkkompas.core.lazy import lazy_module\n"
        "fr = lazy_module('fractions')\n"
        "assert 'fractions' not in sys.modules, 'imported too early'\n"
        "assert 'nog niet geladen' in repr(fr)\n"
        "assert fr.Fraction(1, 3) + fr.Fraction(1, 6) == fr.Fraction(1, 2)\n"
        "assert 'fractions' in sys.modules and 'geladen' in repr(fr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_missing_attribute_raises_attribute_error():
    json_lazy = lazy_module("json")
    assert json_lazy.dumps([1]) == "[1]"
    try:
        json_lazy.does_not_exist  # the access is the test
    except AttributeError:
        pass
    else:  # pragma: no cover - the failure branch
        raise AssertionError("AttributeError expected")


def test_project_module_does_not_load_pandas_on_import():
    code = (
        "import sys\nfrom wijkkompas.core.project import Project\n"
        "p = Project()\nassert 'pandas' not in sys.modules, 'pandas loaded by an empty project'\n"
        "import pandas as pd\np.add_table('t', pd.DataFrame({'a': [1]}))\nassert list(p.tables) == ['t']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
