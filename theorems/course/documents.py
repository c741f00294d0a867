"""Where the course documents are: ``--docs``, else ``$THEOREMS_DOCS``, else ``../shared/seeds``.

The documents are the user's course material, not part of this repository. Without them every
check still runs; the report then says the quotes come from the catalogue and were not verified
against the text.
"""

from __future__ import annotations

import os
from pathlib import Path

from .catalog import DOCUMENTS

DOCS_ENV = "THEOREMS_DOCS"
DEFAULT_LOCATIONS = (Path("../shared/seeds"), Path(__file__).resolve().parents[3] / "shared" / "seeds")


def locate_documents(explicit: str | None = None) -> Path | None:
    """The folder of the source documents, or ``None`` when none is given and the defaults hold none.

    An explicit folder (``--docs`` or ``$THEOREMS_DOCS``) must exist: a typo is an error, not a
    silent fallback. The default locations are used only when they hold one of the documents.
    """
    given = explicit or os.environ.get(DOCS_ENV)
    if given:
        path = Path(given)
        if not path.is_dir():
            source = "--docs" if explicit else f"${DOCS_ENV}"
            raise NotADirectoryError(f"{source} {given}: no such folder (it should hold the documents *.txt)")
        return path
    for candidate in DEFAULT_LOCATIONS:
        if any((candidate / name).is_file() for name in DOCUMENTS):
            return candidate
    return None
