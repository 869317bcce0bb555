"""What an attachment is, in the clerk's words, and the small dialog that
asks it when files are attached (a number key picks each kind)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.attachments import KINDS


def kind_words(kind: str, lang: str) -> str:
    """An attachment's kind in the clerk's words (the text catalogue's), as a
    list entry starts (capital first)."""
    from ..text import say

    words = say(f"attach.kind.{kind}", lang)
    return words[:1].upper() + words[1:]


class KindChooser(QDialog):
    """What the file(s) are: one of the kinds, each with its number as the
    key that picks it (Alt+1 … Alt+7, or the arrows and Enter)."""

    def __init__(self, names: list[str], lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("What is it?"))
        box = QVBoxLayout(self)
        shown = "\n".join(names[:5]) + ("\n…" if len(names) > 5 else "")
        heading = QLabel(self.tr("What kind of document is this?") + "\n" + shown)
        heading.setWordWrap(True)
        box.addWidget(heading)
        self.group = QButtonGroup(self)
        for number, kind in enumerate(KINDS, 1):
            button = QRadioButton(f"&{number}  {kind_words(kind, lang)}")
            button.setObjectName(f"kind_{kind}")
            button.setProperty("kind", kind)
            self.group.addButton(button)
            box.addWidget(button)
        guess = _guess_kind(names)
        for button in self.group.buttons():
            if button.property("kind") == guess:
                button.setChecked(True)
                button.setFocus()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def kind(self) -> str:
        checked = self.group.checkedButton()
        return checked.property("kind") if checked is not None else "other"

    @classmethod
    def ask(cls, names: list[str], lang: str, parent: QWidget | None = None) -> str | None:
        """The kind the clerk chose for the files ``names``, or None (cancelled)."""
        dialog = cls(names, lang, parent)
        return dialog.kind() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _guess_kind(names: list[str]) -> str:
    """A picture is most likely a photo; anything else the clerk says."""
    pictures = (".jpg", ".jpeg", ".png")
    if names and all(n.lower().endswith(pictures) for n in names):
        return "photo"
    return "contract"
