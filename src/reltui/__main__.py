"""Run reltui with ``python -m reltui``."""

from reltui.cli import main

if __name__ == "__main__":
    main()
