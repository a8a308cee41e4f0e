"""The claim editor: every field of a claim, saved as the analyst goes, each edit undoable."""
