"""The attribution assistant's review panel: what it proposes for the source in the reader, and
the analyst's accept, edit and reject."""
