from moozix_tui.cli import main

raise SystemExit(main())
