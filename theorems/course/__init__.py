"""Course data: the claim catalogue (ids, documents, lines, quotes) and the source documents themselves."""

from .catalog import DOCUMENTS, Entry, document_name, entries, rows_of, topic_entries
from .documents import DOCS_ENV, locate_documents

__all__ = ["DOCS_ENV", "DOCUMENTS", "Entry", "document_name", "entries", "locate_documents", "rows_of",
           "topic_entries"]
