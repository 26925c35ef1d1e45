"""``python -m meetgraph``: the same as the ``meetgraph`` command."""

from meetgraph.cli import main

if __name__ == "__main__":
    main()
