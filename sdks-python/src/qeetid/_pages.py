"""Small helpers shared by the facade's resources."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

from ._errors import QeetidError
from ._generated.types import UNSET, Response, Unset

T = TypeVar("T")
Item = TypeVar("Item")


def expect(response: Response[Any], kind: type[T]) -> T:
    """The parsed body of a success (the transport already raised for anything else)."""
    if not isinstance(response.parsed, kind):
        raise QeetidError(
            status=int(response.status_code),
            code="unexpected_response",
            message=f"expected a {kind.__name__} in the answer",
        )
    return response.parsed


def opt(value: T | None) -> T | Unset:
    return UNSET if value is None else value


class _Page(Protocol[Item]):
    items: list[Item]
    next_cursor: str | None


def every_item(fetch: Callable[[str | None], _Page[Item]], cursor: str | None = None) -> Iterator[Item]:
    """Follows ``next_cursor`` from page to page, yielding every item."""
    while True:
        page = fetch(cursor)
        yield from page.items
        cursor = page.next_cursor
        if not cursor:
            return
