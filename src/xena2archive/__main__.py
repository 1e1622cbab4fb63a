"""The ``xena2archive`` command and ``python -m xena2archive``: a leaf until the command runs.

The processes a run spawns (the document workers, Siegfried's process, the index's workers) each
run the command's script again as their main module before their own work, so the script imports
only this module, and ``main`` loads the command line with all it imports (0.2 s and about 18 MB in
each of them before). ``pyproject.toml``'s entry point names ``main``; the children of
``python -m xena2archive`` do not run their main module again at all.
"""

import sys


def main() -> int:
    """The command (``cli.main``), its exit code."""
    from .cli import main as command

    return command()


if __name__ == "__main__":
    sys.exit(main())
