"""The PySide6 desktop: it wires and shows; business rules live below it."""
