"""The screens of the review workstation."""
