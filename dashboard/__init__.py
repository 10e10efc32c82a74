"""数字经济看板: Chinese digital-economy articles turned into evidence-linked tables.

The data layer is pure Python and pandas (no Streamlit below ``dashboard.views``)::

    from dashboard import extract_paths, term_frequencies
    extraction = extract_paths(["data/articles"])
    extraction.projects            # one row per project: name, kind, sector, pillar, evidence…
    term_frequencies(extraction.terms, by="sector", top=10)
"""

from dashboard.pipeline.corpus import extract_documents, extract_paths, read_documents
from dashboard.pipeline.entities import normalise_name
from dashboard.pipeline.read import Document, IngestError, Paragraph, ReadError, parse_document, read_document
from dashboard.pipeline.tables import Extraction
from dashboard.query.keywords import cooccurrence, kwic, term_frequencies, textrank, tfidf

__all__ = [
    "Document",
    "Extraction",
    "IngestError",
    "Paragraph",
    "ReadError",
    "cooccurrence",
    "extract_documents",
    "extract_paths",
    "kwic",
    "normalise_name",
    "parse_document",
    "read_document",
    "read_documents",
    "term_frequencies",
    "textrank",
    "tfidf",
]
