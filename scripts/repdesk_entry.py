"""PyInstaller entry point: the same `repdesk` command as the installed console script."""

from desktop.cli import main

raise SystemExit(main())
