"""A register as a declaration: what its table shows, what its form asks, what its detail panel says, and which
actions it offers. One generic page (ui.registers.page) shows any of them, so a register is a small module of
data, not a copied page.

Every callable that takes a `Session` runs in the database worker (Workbench.read/write), never in the UI thread;
the others run in the UI thread on plain rows already read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import Actor


@dataclass(frozen=True)
class Query:
    """What the filter bar asks for: a period of calendar days (CST, both included), a unit, a page."""

    first: date | None = None
    last: date | None = None
    unit_id: int | None = None
    offset: int = 0
    limit: int = 100


@dataclass(frozen=True)
class Listing:
    rows: Sequence[Any]
    more: bool = False  # rows after this page exist


def page_of(rows: Sequence[Any], query: Query) -> Listing:
    """One page of a listing the core returns whole (the small registers)."""
    return Listing(rows[query.offset:query.offset + query.limit], len(rows) > query.offset + query.limit)


@dataclass(frozen=True)
class Column:
    header: str  # Chinese; translated in the "Registers" context
    text: Callable[[Any], str]
    stretch: bool = False
    colour: Callable[[Any], str | None] = lambda _row: None  # a colour name, e.g. "#b00020" for overdue


@dataclass(frozen=True)
class Field:
    """One input of a register's form. `kind` is text, multiline, int, money, decimal, datetime, date, choice,
    unit or bool."""

    name: str
    label: str  # Chinese; translated in the "Registers" context
    kind: str = "text"
    required: bool = False
    choices: Callable[[], dict[str, str]] | None = None  # value -> Chinese label, for `choice`
    max_length: int = 200
    hint: str = ""
    default: Callable[[Actor], Any] | None = None


@dataclass(frozen=True)
class Detail:
    """The detail panel of one row: labelled facts, then its steps or history, oldest first."""

    facts: Sequence[tuple[str, str]]
    steps: Sequence[tuple[str, str, str]] = ()  # (when, who, what)


@dataclass(frozen=True)
class Action:
    """A button under the table acting on the selected row.

    `run(page, row)` opens whatever it needs (a form, a reason dialog) and writes through the page's workbench.
    `refusal(row)` says, in Chinese, why it does not apply to this row ("" when it does): shown beside the button.
    """

    key: str
    label: str
    run: Callable[[Any, Any], None]
    refusal: Callable[[Any], str] = lambda _row: ""
    needs_row: bool = True


ListJob = Callable[[Session, Actor, Query], Listing]
CreateJob = Callable[[Session, Actor, dict[str, Any]], Any]
DetailJob = Callable[[Session, Actor, Any], Detail]


@dataclass(frozen=True)
class RegisterSpec:
    key: str
    title: str  # Chinese; translated in the "Registers" context
    hint: str
    columns: Sequence[Column]
    listing: ListJob
    detail: DetailJob | None = None
    fields: Sequence[Field] = ()  # empty: no 新增… button
    create: CreateJob | None = None
    create_label: str = "新增…"
    actions: Sequence[Action] = ()
    attachments: str = ""  # the owner kind of attachments of a row ("" for none)
    row_id: Callable[[Any], int] = field(default=lambda row: int(row.id))
    period_filter: bool = True
    unit_filter: bool = True
    # Choices the form reads from the database before it opens (field name -> value -> label), e.g. the leaders
    # who may sign a screening off.
    form_choices: Callable[[Session, Actor], dict[str, dict[str, str]]] | None = None
