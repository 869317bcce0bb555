"""Help ▸ User guide: the offline guide shipped in resources/guide, in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ..resources import resource_path


def guide_file(lang: str):
    """The guide page for ``lang`` (English unless Chinese)."""
    return resource_path("guide", "zh" if lang == "zh" else "en", "index.html")


class GuideDialog(QDialog):
    """A small window showing the guide; links inside it stay inside it."""

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_file(lang))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 680)
