"""PyInstaller runtime hook: runs in the bundle before magdesk starts.

Chinese input: the bundle carries Qt's ibus input-context plugin but not fcitx's
(which is built against the system's own Qt).  A desktop that asks for fcitx
(QT_IM_MODULE=fcitx, as Kylin, UOS and most fcitx5 set-ups do) would otherwise
get no input method at all; Qt >= 6.7 reads QT_IM_MODULES as a fallback list,
and fcitx5 answers on the ibus protocol through its ibus front end.
"""

import os
import sys


def _input_method_fallback() -> None:
    requested = os.environ.get("QT_IM_MODULE", "")
    if (sys.platform.startswith("linux") and requested
            and requested not in ("ibus", "compose") and "QT_IM_MODULES" not in os.environ):
        os.environ["QT_IM_MODULES"] = f"{requested};ibus"


_input_method_fallback()
