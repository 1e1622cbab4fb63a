"""The wheel (and so the Docker image) carries every package of the source tree.

pyproject.toml lists the packages by hand (schemas/ ships as a package of its own); a new
subpackage left out of the list works in an editable install and is missing from a real one.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_source_tree_is_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    found = {".".join(p.parent.relative_to(source).parts) for p in source.rglob("__init__.py")
             if "egg-info" not in str(p)}
    assert found | {"xena2archive_schemas"} == listed
