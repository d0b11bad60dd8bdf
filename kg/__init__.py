"""Kết nghĩa knowledge graph: twinning between Vietnamese localities."""

__version__ = "0.1.0"
