"""Render an Altair chart to interactive HTML and static PNG/SVG/PDF, offline.

Altair's HTML embeds Vega from a CDN by default; we inline the JavaScript
(``inline=True``, served by vl-convert) so the file works without a network.
Static images come from vl-convert, which needs no browser.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt

__all__ = ["save_chart"]


def save_chart(
    chart: alt.TopLevelMixin, path: str | Path, *, formats: tuple[str, ...] = ("html", "png")
) -> list[Path]:
    """Write ``chart`` next to ``path`` in each format and return the files written.

    Parameters
    ----------
    chart : altair chart
        The chart spec.
    path : str or Path
        Target path; its suffix is replaced by each format's (``out/cn.html``
        gives ``out/cn.html`` and ``out/cn.png``).
    formats : tuple of str
        Any of ``html``, ``png``, ``svg``, ``pdf``.
    """
    base = Path(path)
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = base.with_suffix(f".{fmt}")
        if fmt == "html":
            chart.save(str(target), format="html", inline=True)
        elif fmt == "png":
            chart.save(str(target), format="png", scale_factor=2)
        else:
            chart.save(str(target), format=fmt)  # type: ignore[arg-type]
        written.append(target)
    return written
