"""``python -m votecount`` runs the command line."""

from votecount.cli import main

raise SystemExit(main())
