"""Render a :class:`Note` to one self-contained HTML file, or to PDF with headless Chromium.

The HTML inlines the Vega, Vega-Lite and Vega-Embed scripts (from vl-convert's
``javascript_bundle``) and each chart's Vega-Lite spec, so it opens offline.
The PDF is that page printed by Debian's Chromium through Playwright once
every chart has been drawn.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from debtcycle.errors import BadInputError, SourceError
from debtcycle.outputs.report._model import Note

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "json_script", "note_html", "vega_bundle", "write_note"]

#: Browser used for the PDF (Debian's package; Playwright's own download is not needed).
CHROMIUM = os.environ.get("DEBTCYCLE_CHROMIUM", "/usr/bin/chromium")
#: Flags for a headless, quiet, offline Chromium.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _script_safe(text: str) -> str:
    """JavaScript that cannot close the ``<script>`` element it is placed in."""
    import re

    if re.search(r"<!--", text):
        raise ValueError("script text contains '<!--'")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def json_script(value: object) -> str:
    """``value`` as JSON safe inside ``<script type="application/json">`` (``<`` escaped)."""
    return json.dumps(value, allow_nan=False).replace("<", "\\u003c")


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega + Vega-Lite + Vega-Embed as one script, cached in ``DEBTCYCLE_HOME/cache``.

    vl-convert builds the bundle in a few seconds; the file cache makes every
    later note (and process) read it instead.
    """
    from importlib.metadata import version

    import altair as alt
    import vl_convert as vlc

    from debtcycle.config import home_dir

    vl_version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # Altair's own schema
    cache = (home_dir() / "cache"
             / f"vega-bundle-{version('vl-convert-python')}-vl{vl_version}.js")
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    text = _script_safe(vlc.javascript_bundle(vl_version=vl_version))  # type: ignore[call-arg]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent,
                                     delete=False, suffix=".tmp") as handle:
        handle.write(text)
    Path(handle.name).replace(cache)
    return text


def _html_table(frame: pd.DataFrame) -> str:
    return frame.to_html(float_format=lambda v: f"{v:,.1f}", na_rep="n/a", border=0,
                         escape=True)


def note_html(note: Note) -> str:
    """Return the note as one self-contained HTML document."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    import debtcycle

    env = Environment(loader=PackageLoader("debtcycle.outputs.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    tables = {s.key: [Markup(_html_table(t.frame)) for t in s.tables] for s in note.sections}
    specs = {f.key: Markup(json_script(f.spec))
             for s in note.sections for f in s.figures}
    files = note.files.copy()
    files.columns = [c.replace("_", " ").capitalize() for c in files.columns]
    appendix = files.to_html(index=False, border=0, classes="appendix", escape=True,
                             na_rep="")
    return env.get_template("note.html.j2").render(
        note=note, tables=tables, specs=specs, files=Markup(appendix),
        bundle=Markup(vega_bundle()), version=debtcycle.__version__,
        built=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def _pdf(html: str, target: Path, timeout_s: float = 60.0) -> None:
    """Print ``html`` to ``target`` with headless Chromium once its charts are drawn."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        raise SourceError(f"PDF output needs Chromium at {CHROMIUM}; install it with "
                          "'apt-get install -y chromium' (or write .html).")
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "note.html"
        page_file.write_text(html, encoding="utf-8")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(page_file.as_uri())
                page.wait_for_function("document.body.dataset.rendered !== ''",
                                       timeout=timeout_s * 1000)
                if page.evaluate("document.body.dataset.rendered") != "ok":
                    raise SourceError("Chromium could not draw the note's charts.")
                page.pdf(path=str(target), format="A4", print_background=True,
                         margin={"top": "15mm", "bottom": "15mm", "left": "12mm",
                                 "right": "12mm"})
                browser.close()
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SourceError(f"Chromium could not print the note: {first}") from None


def write_note(note: Note, out: str | Path) -> Path:
    """Write ``note`` to ``out`` (``.html`` or ``.pdf``) atomically and return the path.

    Raises
    ------
    BadInputError
        If the suffix is neither ``.html`` nor ``.pdf`` or the folder is not writable.
    """
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise BadInputError(f"--out {str(out)!r}: give a file ending in .html or .pdf.")
    if target.is_dir():
        raise BadInputError(f"--out {str(out)!r} is a directory; give a file name.")
    html = note_html(note)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=suffix, delete=False) as tmp:
            part = Path(tmp.name)
    except OSError as exc:
        raise BadInputError(f"--out {str(out)!r}: cannot write there ({exc.strerror}).") from None
    try:
        if suffix == ".pdf":
            _pdf(html, part)
        else:
            part.write_text(html, encoding="utf-8")
        part.chmod(0o644)  # a temporary file is created 0600; the note is an ordinary file
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return target
