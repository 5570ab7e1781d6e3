from sociale_kaart.cli import main

raise SystemExit(main())
