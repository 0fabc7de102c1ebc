"""Which stems a set of complaints needs, and which of those are missing. Pure."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DRUM_PARTS", "VOCAL_PARTS", "covered", "host_stem", "missing_stems"]

DRUM_PARTS = ("kick", "snare", "cymbals", "drums")
VOCAL_PARTS = ("vocal", "backing_vocals")

# a part that a loaded stem holds well enough that the chat need not ask for its own stem
# (the hats in the drums); dsp.recipes also falls back to 'instruments', which the chat
# asks past, since a beat holds the kick or bass too mixed-in to fix them well
_HOSTS = {"kick": "drums", "snare": "drums", "cymbals": "drums", "backing_vocals": "vocal"}


def covered(layer: str, roles: set[str]) -> bool:
    """Whether the loaded parts let a fix on `layer` act on that part's own audio."""
    if layer == "mix":
        return bool(roles)
    if layer in roles:
        return True
    if layer == "drums":
        return bool(roles & set(DRUM_PARTS))
    if layer == "instruments":
        return bool(roles - set(VOCAL_PARTS) - {"mix"})
    return host_stem(layer, roles) is not None


def host_stem(layer: str, roles: set[str]) -> str | None:
    """The loaded stem a part lives inside when it has no stem of its own (the hats in
    the drums stem, the doubles in the vocal stem), else None."""
    if layer in roles:
        return None
    host = _HOSTS.get(layer)
    return host if host in roles else None


def missing_stems(pending_layers: Iterable[str], needed: Iterable[str], roles: set[str],
                  *, stereo_only: bool) -> list[str]:
    """The stems still to ask for: none once every complaint's part is covered."""
    if stereo_only and "mix" in roles:
        return []
    parts = roles - {"mix"}
    layers = set(pending_layers)
    if roles and all((covered(layer, parts) if layer != "mix" else bool(roles))
                     for layer in layers):
        return []
    return [role for role in dict.fromkeys(needed) if not covered(role, roles)]
