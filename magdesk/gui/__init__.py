"""The PySide6 desktop: it wires and shows; business rules live below it."""

import gc

# A start makes a few hundred thousand objects that live as long as the program
# (modules, classes, Qt's types); the collector, looking every 700 new objects,
# would go over them hundreds of times before the window shows (~4 ms of a start).
# It looks less often until a window has painted (collect_as_usual).
_USUAL = gc.get_threshold()
gc.set_threshold(50_000, *_USUAL[1:])

# The Qt-free modules the window opens on are imported here, before PySide6:
# once PySide6 is loaded it reads the source of every module imported after it
# (shibokensupport's feature hook, PYSIDE-2029) - tens of ms over a start.
import getpass as _getpass  # noqa: E402, F401  (who holds the file)

from ..usecases import changes as _changes  # noqa: E402, F401
from ..usecases import kinds as _kinds  # noqa: E402, F401  (the file's type; json)
from ..usecases import periods as _periods  # noqa: E402, F401
from ..usecases import reads as _reads  # noqa: E402, F401  (and the filing store)


def collect_as_usual() -> None:
    gc.set_threshold(*_USUAL)
