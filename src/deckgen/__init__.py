"""deckgen: turn course outlines into polished, branded PowerPoint decks."""

__version__ = "0.1.0"
