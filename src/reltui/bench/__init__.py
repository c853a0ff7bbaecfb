"""The benchmark: synthetic databases and timings of every command (``python -m reltui.bench``)."""

# The probe's database argument that runs the baseline app instead of ``reltui review``.
MINIMAL_APP = "--minimal"
