"""``derive list`` and ``derive verify``."""

from __future__ import annotations

import click


@click.command("list")
def list_cmd() -> None:
    """The catalogue's ids, titles and sources."""
    from derive.catalogue import load

    catalogue, _ = load()
    for identity in catalogue:
        click.echo(f"{identity.id}\t{identity.title}\t{'; '.join(identity.sources)}")


@click.command()
@click.argument("ids", nargs=-1)
def verify(ids: tuple[str, ...]) -> None:
    """Prove and sample identities (all of the catalogue by default)."""
    raise NotImplementedError
