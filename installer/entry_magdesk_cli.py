"""Bundle entry point of ``magdesk-cli`` (see installer/magdesk.spec)."""

import sys

from magdesk.cli import main

sys.exit(main())
