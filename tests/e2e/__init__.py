"""End-to-end tests: the installed ``reltui`` console script in tmux, over ssh, as two users."""
