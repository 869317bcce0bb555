"""Parts of a window made when first used, so that opening it loads only
what its first frame shows (benchmarks/bench_gui.py measures the start)."""

from __future__ import annotations

import importlib


class made_on_use:  # noqa: N801 - used like @property
    """A window attribute holding ``module.factory(window)``, made (and the
    module imported) the first time it is read; after that it is a plain
    attribute of the window."""

    def __init__(self, module: str, factory: str):
        self.module, self.factory = module, factory
        self.name = ""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        module = importlib.import_module(self.module, __package__)
        value = getattr(module, self.factory)(window)
        window.__dict__[self.name] = value  # later reads find it without this descriptor
        return value


def made(window, name: str):
    """The part ``name`` if it was made, else None (without making it)."""
    return window.__dict__.get(name)
