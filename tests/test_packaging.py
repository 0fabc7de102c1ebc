"""The package metadata builds without setuptools' deprecation warnings (CI installs it
fresh, with the newest setuptools)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))


def test_the_license_is_an_spdx_string_and_the_build_needs_a_setuptools_that_reads_it():
    """The table form (`license = {text = "MIT"}`) warns 'project.license as a TOML table is
    deprecated' on every build; the SPDX string form (PEP 639) is read from setuptools 77.0.0
    on, so the build must ask for at least that."""
    assert PYPROJECT["project"]["license"] == "MIT"
    [setuptools] = [r for r in PYPROJECT["build-system"]["requires"]
                    if r.startswith("setuptools")]
    least = re.fullmatch(r"setuptools>=(\d+)(?:\.\d+)*", setuptools.replace(" ", ""))
    assert least and int(least.group(1)) >= 77, setuptools
