"""Words sized beside the rest of their plan, and how they read as moves come and go.

A level move is sized for what the plan's other moves do to its part (a mud cut on the
vocal lowers the vocal too), a low-mid cut for where the mix lands once every move has
acted, and some notes count on every move of the plan (where the low mids are predicted
to land, a level move the others made idle) or on the cuts they say were made. The plan
says so as data (`Sized`): which moves the words count on, and the words to use when
some of those are left out (`skip`, `undo`) or moves planned apart from them join (a
later request, an explicit "2 dB louder"). Whoever keeps the plan counts those moves;
the words come from here, in every state of the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dsp.wording import listing

__all__ = ["Counting", "Sized", "counted_note", "landing_cut", "level_landing", "resized_level"]

_MOVE_APART = ("; ", " planned apart from it and not counted in its sizing, so the landing it "
                     "names may not hold")
_NOTE_APART = (" ", " planned apart from this and not counted in it.")


@dataclass(frozen=True)
class Sized:
    """What a move's reason or a plan note counts on, and its words for each state of the
    plan. `claim` is the part of the words that holds only with every one of those moves
    in; the other fields say what replaces it, or is added, when that is no longer so."""

    counts_on: tuple[int, ...] = ()
    """The plan's moves these words count on, by their place in Plan.moves (set once the
    plan's moves are final)."""
    claim: str = ""
    left_out: tuple[str, str] | None = None
    """What replaces `claim` with some of those moves left out, split where their count
    goes ('one of them is', '2 of those cuts are'); None: the words hold without them."""
    counted: str = "them"
    """What the count counts."""
    apart: str | None = None
    """What replaces `claim` when moves planned apart from the words join and none is left
    out; None: the words stay as they are."""
    apart_clause: tuple[str, str] | None = None
    """Said after the words when moves planned apart join, split where their numbers go
    ('move 4 was', 'moves 4 and 5 were'); None: nothing they do changes what the words say."""
    sentences: bool = False
    """The count and the numbers open sentences (a note), not clauses (a move's reason)."""
    resized: tuple[str, str] | None = None
    """What replaces `claim` when none of those moves is left out but some were since made
    stronger or gentler (`more`, `less`), split where their count goes; None: the words
    hold."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts_on", tuple(int(i) for i in self.counts_on))
        for name in ("left_out", "apart_clause", "resized"):
            value = getattr(self, name)
            if value is not None:
                if len(value) != 2:
                    raise ValueError(f"Sized.{name} must be two strings, got {value!r}")
                object.__setattr__(self, name, (str(value[0]), str(value[1])))

    def worded(self, text: str, gone: int, apart: Sequence[int], resized: int = 0) -> str:
        """`text` (the words as planned, and anything said about the move since) with `gone`
        of the moves they count on left out, `resized` of them made stronger or gentler
        since, and the moves numbered `apart` planned apart."""
        if gone and self.left_out is not None:
            count = (f"one of {self.counted} is" if gone == 1
                     else f"{gone} of {self.counted} are")
            text = text.replace(self.claim, self.left_out[0] + self._opening(count)
                                + self.left_out[1], 1)
        elif resized and self.resized is not None:
            count = (f"one of {self.counted} was" if resized == 1
                     else f"{resized} of {self.counted} were")
            text = text.replace(self.claim, self.resized[0] + self._opening(count)
                                + self.resized[1], 1)
        elif apart and self.apart is not None:
            text = text.replace(self.claim, self.apart, 1)
        if apart and self.apart_clause is not None:
            numbers = (f"move {apart[0]} was" if len(apart) == 1
                       else f"moves {listing([str(n) for n in apart])} were")
            text += self.apart_clause[0] + self._opening(numbers) + self.apart_clause[1]
        return text

    def _opening(self, words: str) -> str:
        return words[0].upper() + words[1:] if self.sentences else words

    def to_dict(self) -> dict:
        """As JSON holds it; without `counts_on` when it is empty (a session keeps the moves
        counted on by their ids, which stay put as moves come and go)."""
        counts = {"counts_on": list(self.counts_on)} if self.counts_on else {}
        return {**counts, "claim": self.claim,
                "left_out": None if self.left_out is None else list(self.left_out),
                "counted": self.counted, "apart": self.apart,
                "apart_clause": None if self.apart_clause is None else list(self.apart_clause),
                "sentences": self.sentences,
                "resized": None if self.resized is None else list(self.resized)}

    @classmethod
    def from_dict(cls, data: Mapping) -> Sized:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def resized_level(gap_db: float, more: bool, held: str, lands: str) -> tuple[str, Sized]:
    """The end of a level move's reason when the plan's other moves change its size by
    `gap_db` (more or less than the gap to its goal), with what holds it at one measured
    move (`held`) and where that leaves it (`lands`), and how it reads as they come and go."""
    than = f"{gap_db:.1f} dB {'more' if more else 'less'} than that gap"
    claim = f"; {than}, for what the plan's other moves do to the part's level{held}{lands}"
    return claim, Sized(claim=claim,
                        left_out=(f"; sized {than} for the moves planned with it, and ",
                                  f" now left out, so the part may not land there{held}"),
                        apart_clause=_MOVE_APART,
                        resized=(f"; sized {than} for the moves planned with it, and ",
                                 f" since made stronger or gentler, so the part may not "
                                 f"land there{held}"))


def level_landing() -> Sized:
    """A level move whose reason names where its part lands beside the plan's other moves,
    which change it too little to say: leaving some out changes nothing it says."""
    return Sized(apart_clause=_MOVE_APART)


def landing_cut(typical: str) -> tuple[str, Sized]:
    """A low-mid cut sized for where the mix lands once every move of its plan has acted
    (`typical`: the mix's range it lands inside, '-1.0…+2.5')."""
    lands = f"so the mix's 150–400 Hz lands inside its typical {typical} dB"
    claim = f"{lands} once every move has acted"
    return claim, Sized(claim=claim,
                        left_out=(f"{lands} with every move planned beside it, and ",
                                  " now left out, so it may not"),
                        apart=f"{lands} once every move planned beside it has acted",
                        apart_clause=_MOVE_APART,
                        resized=(f"{lands} with every move planned beside it as first sized, "
                                 "and ", " since made stronger or gentler, so it may not"))


def counted_note(text: str, *, then: str, kept: str | None = None,
                 counted: str = "those moves", says_apart: bool = True) -> Sized:
    """A note counting on moves of its plan: with some left out, the words that still hold
    (`kept`, the whole note unless given) and the count, then what follows (`then`)."""
    return Sized(claim=text, left_out=(f"{kept or text} ", f" now left out{then}"),
                 counted=counted, apart_clause=_NOTE_APART if says_apart else None,
                 sentences=True, resized=(f"{kept or text} ",
                                          f" since made stronger or gentler{then}"))


Counting = dict[str, tuple[Sized, tuple[str, ...] | None]]
"""Each note that counts on moves of the plan: its words as they come and go, and the parts
whose low-mid cuts it says were made (None: every move of the plan)."""
