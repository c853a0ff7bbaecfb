"""The Textual user interface: the review workstation and its screens."""
