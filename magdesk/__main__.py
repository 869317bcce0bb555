"""``python -m magdesk`` starts the GUI."""

import sys

from .app import main

sys.exit(main())
