"""``python -m responses``: see ``python -m responses --help``."""

from ._cli import main

raise SystemExit(main())
