"""PyInstaller entry point: the same `repdesk` command as the installed console script."""

from ui.app.launch import main

raise SystemExit(main())
