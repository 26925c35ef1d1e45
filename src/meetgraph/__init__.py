"""meetgraph: who met whom, and who was expected to but did not."""

__version__ = "0.1.0"
