"""One exception family for the DSP core.

Every message is written for the musician: what is wrong, then what to do.
The CLI prints it as one line and exits 2; the chat shows it as a notice.
"""

from __future__ import annotations

__all__ = ["AudioContentError", "AudioFileError", "Cancelled", "DspError", "OutputPathError"]


class DspError(Exception):
    """Root of every error the DSP core raises on purpose."""


class AudioFileError(DspError):
    """A file is missing, unreadable or in a format we cannot decode."""


class AudioContentError(DspError):
    """The file decodes, but its content cannot be worked on (silent, too short, 3+ channels)."""


class OutputPathError(DspError):
    """An output would overwrite an input or cannot be written."""


class Cancelled(DspError):
    """The user cancelled a long job."""
