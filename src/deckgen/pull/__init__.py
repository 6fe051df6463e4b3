"""`deckgen pull`: carry edits made to a built deck in PowerPoint back into the outline's YAML files.

- record: what a build wrote, shape by shape (key → texts and their origins), saved next to the deck;
- deckread: the texts of an edited deck, by key;
- compare: the differences, as changes to outline values and lists, and what cannot be carried back;
- yamledit: those changes made to the YAML text itself, keeping comments, order, quoting and layout.
"""
