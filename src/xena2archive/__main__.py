"""``python -m xena2archive``: the same as the ``xena2archive`` command."""

import sys

from .cli import main

sys.exit(main())
