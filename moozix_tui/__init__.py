"""Moozix TUI: a terminal chat that turns mix complaints into a finished master.

Importing this package must stay cheap and must not import Textual, numpy or the
DSP core: the command line decides what it needs.
"""

__version__ = "0.1.0"
