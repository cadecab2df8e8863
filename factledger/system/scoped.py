"""A setting that holds for one block of code (a command, a load) and is put back after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def scoped(setting: ContextVar[T], value: T) -> Iterator[None]:
    """``setting`` is ``value`` inside the block, whatever it was before, and is restored however it ends."""
    token = setting.set(value)
    try:
        yield
    finally:
        setting.reset(token)
