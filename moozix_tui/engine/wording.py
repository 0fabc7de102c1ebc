"""How the assistant says things: short, concrete, honest about what a stereo file can do."""

from __future__ import annotations

import re

__all__ = ["HELP", "NOT_FOR_MIX", "PROBLEM_WORDS", "answer_question", "define",
           "glossary_markdown", "md_code", "md_literal", "unread_note"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")

NOT_FOR_MIX = "by its name, a click, guide or talkback track"
"""Why a file is left out unasked (intents.not_for_mix): the chat, its panel and report, and
`moozix fix` say it in these words."""

PROBLEM_WORDS = {
    "too_quiet": "too quiet", "too_loud": "too loud", "muddy": "muddy", "harsh": "harsh",
    "dull": "dull", "thin": "thin", "weak": "weak, no punch", "masking": "fighting another part",
    "narrow": "too narrow", "mono_collapse": "falls apart in mono or on small speakers",
    "too_much_reverb": "too much reverb", "too_dry": "too dry", "inconsistent": "uneven level",
    "over_compressed": "over-compressed", "distorted": "distorted",
    "quiet_master": "too quiet overall", "loud_master": "too loud or crushed overall",
    "tonal_balance": "off in overall tone",
}

HELP = """**Tell me what sounds wrong**, in your own words:

- "the vocal is too low" · "the 808 is muddy" · "hats are piercing"
- "the drums feel weak" · "it falls apart in mono" · "the whole song is too quiet"
- not sure? Ask "what's wrong with it?" and I'll measure it and tell you what stands out

**Give me audio** by typing or pasting paths (quotes, `~`, folders and `file://` all work),
`vocal=~/song/vox.wav` to name a part, or **ctrl+o** to pick files. No stems? Say
"I only have the stereo mix".

**Steer**: `target apple` / `target -16` / `club` · `style warm|bright|punchy|balanced` ·
`reference ~/ref.wav`

**Plan and result**: `go` · `more` / `less` (every move) · `more 2` / `less 2` (move 2
alone) · `skip 2` · "make the vocal 2 dB louder" ·
`undo` · `redo` · `export [folder]` · `status` · `reset` · `cancel`"""

_ANSWERS = {
    "mix_vs_master": (
        "**Mixing vs mastering.** Mastering finishes a song that already works: loudness, "
        "broad tone, peaks, playback safety. It works on one stereo file, so it can't turn "
        "up only the vocal or pull the kick away from the bass — anything it does touches "
        "every part in that range. If you can name the part, fix the part: give me that "
        "part's stem and I'll rebalance it, then master."),
    "stems": (
        "**Which stems?** The part that bothers you and the parts it competes with. Vocal "
        "level: the vocal plus everything else as one 'instruments' stem. Muddy bass: bass, "
        "kick or drums, and guitars/keys. Harsh hats: the cymbals or drums. Export them all "
        "from bar 1, same length, no processing on the master bus."),
    "loudness": (
        "**Loudness.** Streaming services turn everything to about −14 LUFS, Apple Music to "
        "−16; broadcast uses −23 (EBU R128). I measure loudness the BS.1770 way and keep "
        "true peaks at or under −1 dBTP, measured on the written file both the BS.1770 way "
        "(4× oversampled) and with a finer reconstruction that catches what it misses. Say "
        "`target apple`, `target -16` or `club` to choose."),
    "help": HELP,
}


def glossary_markdown() -> str:
    """What the figures on the card and in the report mean (the report's own glossary)."""
    from dsp.report import GLOSSARY

    return "**What the figures mean**\n\n" + "\n".join(
        f"- **{term}** — {meaning}" for term, meaning in GLOSSARY)


_DEFINING = re.compile(r"\b(?:what(?:'s|s| is| are| does| do)|meaning of|means?|define|"
                       r"explain|stand for|stands for)\b", re.IGNORECASE)
"""Words that ask what a term means ("what does LU mean?", "what's LRA")."""


def define(text: str) -> str | None:
    """The glossary's meaning of each term a question asks about ("what does LU mean?"),
    or None when the text asks no meaning or names no term of the card and report."""
    from dsp.report import GLOSSARY

    if not _DEFINING.search(text):
        return None
    found = [(term, meaning) for term, meaning in GLOSSARY
             if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE)]
    found = [(t, m) for t, m in found
             if not any(t != other and t.lower() in other.lower() for other, _ in found)]
    if not found:
        return None
    return "\n".join(f"**{term}** — {meaning}." for term, meaning in found) + (
        "\n\nEvery figure on the card is explained under F1.")


def unread_note(total: int, read: int) -> str:
    """Said whenever a message was longer than the intent engine reads."""
    return (f"the message is {total:,} characters long and only its first {read:,} were "
            "read; put the complaint in a shorter message if it comes later")


def md_literal(text: str) -> str:
    """User text and file names inside Markdown: every special character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def md_code(text: str) -> str:
    """A file name or path as inline code, shown exactly: a name holding backticks gets a
    longer fence, padded by a space that CommonMark strips ("take `2`.wav" stays so)."""
    text = text.replace("\n", " ")
    ticks = max((len(run) for run in re.findall(r"`+", text)), default=0)
    pad = " " if ticks else ""
    return f"{'`' * (ticks + 1)}{pad}{text}{pad}{'`' * (ticks + 1)}"


def answer_question(topic: str | None) -> str:
    return _ANSWERS.get(topic or "", _ANSWERS["mix_vs_master"])
