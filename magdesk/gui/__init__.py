"""The PySide6 desktop: it wires and shows; business rules live below it."""

# The Qt-free layers the window opens on are imported before PySide6: once
# PySide6 is loaded it reads the source of every module imported after it
# (shibokensupport's feature hook, PYSIDE-2029), about a third of a cold start.
# The background task that reads the months' states right after (filing.periods)
# finds its modules loaded: Python running in a thread stalls the window's
# painting (the interpreter lock changes hands at every call into Python).
from .. import services as _services  # noqa: F401
from ..filing import periods as _periods  # noqa: F401
from ..storage import filing_store as _filing_store  # noqa: F401
from ..storage import paging as _paging  # noqa: F401
