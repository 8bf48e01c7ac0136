"""The research note: sections built from the facade's results, rendered to HTML or PDF.

>>> from debtcycle.outputs.report import build_note, write_note
>>> write_note(build_note("CN"), "cn_note.html")  # doctest: +SKIP
"""

from debtcycle.outputs.report._model import Figure, Note, Section, Table
from debtcycle.outputs.report.build import build_note, provenance_files
from debtcycle.outputs.report.render import note_html, write_note

__all__ = ["Figure", "Note", "Section", "Table", "build_note", "note_html",
           "provenance_files", "write_note"]
