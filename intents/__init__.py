"""The intent engine: plain-words mix complaints in, taxonomy intents out.

Pure Python (stdlib + rapidfuzz): no audio, no UI. The vocabulary and rules are
data files in intents/data, loaded and validated on first use.
"""

from intents.model import (
    SEVERITIES,
    Clarification,
    Correction,
    Guess,
    Intent,
    IntentError,
    Understanding,
)
from intents.parser import parse, route_for, stems_for, understand
from intents.roles import (
    FileLabels,
    answered_part,
    effect_source,
    file_labels,
    names_whole_part,
    not_for_mix,
    stem_role,
    stem_roles,
)
from intents.text import stem as word_form
from intents.vocabulary import (
    LAYER_NAMES,
    LAYERS,
    MASTER_PROBLEMS,
    PROBLEMS,
    TONES,
    WHOLE_SONG_PROBLEMS,
)

__all__ = [
    "word_form",
    "LAYERS",
    "LAYER_NAMES",
    "MASTER_PROBLEMS",
    "PROBLEMS",
    "TONES",
    "WHOLE_SONG_PROBLEMS",
    "SEVERITIES",
    "Clarification",
    "Correction",
    "FileLabels",
    "Guess",
    "Intent",
    "IntentError",
    "Understanding",
    "answered_part",
    "effect_source",
    "not_for_mix",
    "file_labels",
    "names_whole_part",
    "parse",
    "route_for",
    "stem_role",
    "stem_roles",
    "stems_for",
    "understand",
]
