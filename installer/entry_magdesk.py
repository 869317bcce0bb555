"""Bundle entry point of the ``magdesk`` window (see installer/magdesk.spec)."""

import sys

from magdesk.app import main

sys.exit(main())
