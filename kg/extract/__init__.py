"""From a news article to a draft contribution: rule- and gazetteer-based fact extraction.

    from kg.extract import extract_file
    result = extract_file(Path("article.txt"), lang="auto", published=None, url=None)
    result.draft_trig()          # the draft as TriG text, in the project's ontology and IRI scheme

One module per concern: text (reading, normalising, sentences with offsets), language, dates,
amounts, units (gazetteer linking), organizations, people, twinnings, supports, policies, events,
draft (RDF output) and evaluate (precision and recall against a curated source graph).
Everything runs offline; nothing is downloaded.
"""

__all__ = ["ExtractionResult", "extract_file", "extract_text"]


def __getattr__(name):
    # Lazy: importing a submodule (kg.extract.dates) must not load the whole pipeline.
    if name in __all__:
        from kg.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
