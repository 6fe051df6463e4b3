"""`python -m deckgen`: the same fast entry as the `deckgen` console command."""
from .entry import main

main()
