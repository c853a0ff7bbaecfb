"""The benchmark: synthetic databases and timings of every command (``python -m reltui.bench``)."""
