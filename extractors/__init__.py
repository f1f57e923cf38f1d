"""cloudfacts extractors: figures, companies, places and periods in news text, and the facts they make.

`extractors.load()` is the spaCy pipeline of these as components (extractors/components.py);
`extractors.facts.extract_facts(body, published, title)` is the same extraction as a function.
"""


def load(spans: bool = True):
    """spaCy's blank English with the cloudfacts components (see extractors.components.default_pipeline)."""
    from extractors.components import default_pipeline  # spaCy is imported only when a pipeline is wanted

    return default_pipeline(spans)
