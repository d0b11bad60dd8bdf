"""Queries: the saved-query catalogue, SPARQL syntax, results and their formats, endpoints, serving and pushing the graph."""
