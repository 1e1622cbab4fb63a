"""The wheel (and so the Docker image) carries every package of the source tree.

pyproject.toml lists the packages by hand (schemas/ ships as a package of its own); a new
subpackage left out of the list works in an editable install and is missing from a real one.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_source_tree_is_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    found = {".".join(p.parent.relative_to(source).parts) for p in source.rglob("__init__.py")
             if "egg-info" not in str(p)}
    # schemas/ and the index's templates are packages of data (no __init__.py), listed so their files ship
    assert found | {"xena2archive_schemas", "xena2archive.index.templates"} == listed


def test_the_command_s_entry_point_imports_nothing_until_it_runs():
    """Every process a run spawns (document workers, Siegfried's process, the index's workers) runs
    the ``xena2archive`` script again as its main module: the module the entry point names must not
    import the command line until the command runs (it cost each of them 0.2 s and about 18 MB)."""
    entry = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["xena2archive"]
    module, _, function = entry.partition(":")
    probe = (f"import sys, {module}; assert callable({module}.{function}); "
             "print(sorted(m for m in sys.modules if m.startswith('xena2archive')))")
    loaded = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "['xena2archive', 'xena2archive.__main__']"
    command = subprocess.run([sys.executable, "-c", f"import sys, {module}; sys.exit({module}.{function}())",
                              "--version"], capture_output=True, text=True)
    assert command.returncode == 0 and command.stdout.startswith("xena2archive ")  # and it is the command


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lock: str) -> dict[str, str]:
    """Name -> version of every package a lock pins, each checked to carry its sha256 hashes."""
    blocks = re.split(r"^(?=[A-Za-z0-9])", (ROOT / lock).read_text(encoding="utf-8"), flags=re.M)
    pins = {}
    for block in blocks:
        found = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", block)
        if found:
            assert "--hash=sha256:" in block, (lock, found.group(0))
            pins[_normal(found.group(1))] = found.group(2)
    return pins


def test_the_locks_agree_with_each_other_with_pyproject_and_with_this_install():
    """Both locks pin the same version of a package, within pyproject.toml's bounds, with hashes;
    this install (make setup) holds exactly the test lock's versions."""
    from importlib import metadata

    from packaging.requirements import Requirement

    runtime, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert runtime and all(test[name] == version for name, version in runtime.items())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for lines, pins in ((project["dependencies"], runtime), (project["optional-dependencies"]["test"], test)):
        for line in lines:
            wanted = Requirement(line)
            assert wanted.specifier.contains(pins[_normal(wanted.name)]), (line, pins[_normal(wanted.name)])
    installed = {}
    for name in test:
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # another platform's package (markers)
    assert installed == {name: test[name] for name in installed} and len(installed) > len(runtime)


def test_make_test_runs_the_xml_reader_on_the_oldest_lxml_pyproject_allows():
    from packaging.requirements import Requirement
    from packaging.version import Version

    floor = re.search(r"^LXML_FLOOR := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lxml = next(Requirement(line) for line in project["dependencies"] if Requirement(line).name == "lxml")
    lowest = next(spec.version for spec in lxml.specifier if spec.operator == ">=")
    assert floor is not None and Version(floor.group(1)) == Version(lowest)
