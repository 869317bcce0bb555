"""The PySide6 desktop: it wires and shows; business rules live below it."""

# The Qt-free modules the window opens on are imported here, before PySide6:
# once PySide6 is loaded it reads the source of every module imported after it
# (shibokensupport's feature hook, PYSIDE-2029) - tens of ms over a start.
from .. import services as _services  # noqa: F401
from ..storage import filing_store as _filing_store  # noqa: F401
