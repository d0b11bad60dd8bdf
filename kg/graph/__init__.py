"""The graph: curated sources and the gazetteer in, the published store out (kg build)."""
