from ui.app.launch import main

raise SystemExit(main())
