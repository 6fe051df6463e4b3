"""`python -m deckgen`."""
from .cli import main

main(prog_name="deckgen")
