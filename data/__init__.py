"""The bundled datasets and the JSON Schema of the format, installed as ``meetgraph.data``."""
