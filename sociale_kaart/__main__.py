from sociale_kaart.cli.main import main

raise SystemExit(main())
