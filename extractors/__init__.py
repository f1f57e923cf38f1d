"""Rule-based extraction of cloud-industry facts from article text (spaCy, no trained models)."""
