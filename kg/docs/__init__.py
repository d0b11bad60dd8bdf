"""Generated documentation pages (kg docs): the query catalogue and the ontology reference."""
