"""What every subcommand needs: settings from the config file and the database path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reltui.store.errors import StoreError

if TYPE_CHECKING:
    from reltui.config import Settings
    from reltui.store.db import Store


class UserError(click.ClickException):
    """A problem the user can fix, printed as one line with exit code 1."""

    def format_message(self) -> str:
        return " ".join(self.message.split("\n"))

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"reltui: {self.format_message()}", err=True)


@dataclass
class Context:
    """Global options, resolved lazily so ``--help`` never touches the disk."""

    db_option: str | None = None
    config_option: str | None = None

    @property
    def config_file(self) -> Path:
        """The config file read, or that would be read if it existed."""
        from reltui import paths

        return Path(self.config_option).expanduser() if self.config_option else paths.config_path()

    @cached_property
    def settings(self) -> Settings:
        from reltui.config import ConfigError, load_settings

        try:
            return load_settings(self.config_file, required=self.config_option is not None)
        except ConfigError as error:
            raise UserError(str(error)) from None

    @property
    def db_path(self) -> Path:
        if self.db_option:
            return Path(self.db_option).expanduser()
        from reltui import paths

        return self.settings.db or paths.default_db_path()

    def open_store(self, *, read_only: bool = False, create: bool = True) -> Store:
        """Open the database, turning any store problem into a one-line user error."""
        try:
            return self.open_store_or_raise(read_only=read_only, create=create)
        except StoreError as error:
            raise UserError(str(error)) from None

    def open_store_or_raise(self, *, read_only: bool = False, create: bool = True) -> Store:
        """Open the database and print its warnings; ``StoreError`` propagates, so a caller can
        treat a locked database differently."""
        from reltui.store.db import Store

        store = Store.open(self.db_path, read_only=read_only, create=create)
        for warning in store.warnings:
            click.echo(f"reltui: warning: {warning}", err=True)
        return store


class NamesChoice(click.Choice):
    """A choice that also takes earlier names of its values, quietly (``customers``)."""

    def __init__(self, choices: tuple[str, ...], aliases: dict[str, str]) -> None:
        super().__init__(choices)
        self.aliases = aliases

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):  # noqa: ANN201 - click's signature
        if isinstance(value, str):
            value = self.aliases.get(value, value)
        return super().convert(value, param, ctx)


pass_context = click.make_pass_decorator(Context)
