"""reltui: the weekly relationship review, one contact at a time."""

__version__ = "0.1.0"
