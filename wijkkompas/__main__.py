"""``python -m wijkkompas`` behaves like the ``wijkkompas`` command."""
from wijkkompas.cli import main

raise SystemExit(main())
