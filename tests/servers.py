"""A server process for the browser tests: :mod:`meetgraph.serving`, which the benchmarks share.

The browser tests import it by this short name; a server that fails to
start raises :class:`meetgraph.serving.ServerError` with its output.
"""

from meetgraph.serving import free_port, serving

__all__ = ["free_port", "serving"]
