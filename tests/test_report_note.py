"""The research note: numbers from the published files, sentences from the results, sources,
provenance (sha256 of the mirrored files), a self-contained HTML file and a PDF checked as images.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from debtcycle.cli.app import get_app
from debtcycle.outputs.report import Note, build_note, note_html, write_note
from debtcycle.outputs.report.render import CHROMIUM
from debtcycle.outputs.report.sections_leverage import leverage_sentences

SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"


@pytest.fixture(scope="module")
def note() -> Note:
    return build_note("CN")


def _section(note: Note, key: str) -> dict[str, object]:
    return next(s for s in note.to_dict()["sections"] if s["key"] == key)


def test_leverage_numbers_are_the_published_bis_figures(note: Note) -> None:
    # BIS total credit (WS_TC, mirrored bulk file), China, % of GDP, 2008-Q4:
    # households Q:CN:H:A:M:770:A = 17.6, total non-financial Q:CN:C:A:M:770:A = 133.0.
    table = next(s for s in note.sections if s.key == "leverage").tables[0].frame
    assert table.loc["Households", "2008Q4 (% of GDP)"] == pytest.approx(17.6, abs=1e-9)
    assert table.loc["Total non-financial sector", "2008Q4 (% of GDP)"] == pytest.approx(133.0)
    text = " ".join(_section(note, "leverage")["sentences"])  # type: ignore[arg-type]
    assert "against 133.0% in 2008Q4" in text


def test_sentences_follow_the_numbers() -> None:
    # A hand-made table: directions and sizes in the text must come from it.
    at = ["2015Q4", "2023Q4", "2025Q4"]
    table = pd.DataFrame(
        {"2015Q4": [40.0, 150.0, 40.0, 230.0], "2023Q4": [60.0, 140.0, 80.0, 280.0],
         "2025Q4": [57.5, 140.5, 99.0, 297.0], "2015Q4->2023Q4": [20.0, -10.0, 40.0, 50.0],
         "2023Q4->2025Q4": [-2.5, 0.5, 19.0, 17.0]},
        index=["households", "nonfin_corp", "general_gov", "total_nonfin"])
    text = " ".join(leverage_sentences("Testland", table, at))
    assert "was 297.0% of GDP in 2025Q4, against 230.0% in 2015Q4" in text
    assert "largest move was in general government (+40.0 pp)" in text
    assert "households fell (-2.5 pp)" in text
    assert "non-financial corporations was about stable (+0.5 pp)" in text
    assert "general government rose (+19.0 pp)" in text
    flipped = table.assign(**{"2023Q4->2025Q4": -table["2023Q4->2025Q4"]})
    assert "households rose (+2.5 pp)" in " ".join(leverage_sentences("T", flipped, at))


def test_every_section_has_content_or_says_why(note: Note) -> None:
    keys = [s.key for s in note.sections]
    assert keys[:3] == ["leverage", "compare", "phases"]
    assert {"bsr", "exits", "vulnerability", "fiscal", "markets"} <= set(keys)
    for section in note.sections:
        assert section.sentences or section.tables or section.omitted, section.key
    bsr = " ".join(_section(note, "bsr")["sentences"])  # type: ignore[arg-type]
    assert "JP" in bsr and "property-price peak" in bsr


def test_every_table_and_figure_names_publisher_key_and_vintage(note: Note) -> None:
    lev = next(s for s in note.sections if s.key == "leverage")
    for item in (*lev.tables, *lev.figures):
        line = " ".join(item.sources)
        assert "BIS, WS_TC" in line and "Q:CN:H:A:M:770:A" in line and "data to" in line
    for section in note.sections:
        for item in (*section.tables, *section.figures):
            assert item.sources and all(s.strip() for s in item.sources), section.key


def test_appendix_sha256_matches_the_mirrored_files(note: Note, mirror: Path) -> None:
    files = note.files
    assert {"WS_TC"} <= set(files["dataset"])
    for row in files.itertuples():
        path = mirror / str(row.file)
        assert path.is_file(), row.file
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256


def test_html_is_one_self_contained_file(note: Note) -> None:
    html = note_html(note)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "vegaEmbed" in html and "<link" not in html
    figures = sum(len(s.figures) for s in note.sections)
    assert html.count('type="application/json"') == figures >= 4
    for spec in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', html,
                           re.DOTALL):
        assert "$schema" in json.loads(spec)


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="needs Debian's chromium")
def test_pdf_pages_are_not_blank(note: Note, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf_path = write_note(note, tmp_path / "cn.pdf")
    pdf = pdfium.PdfDocument(str(pdf_path))
    assert len(pdf) >= 4
    text = ""
    for index in range(len(pdf)):
        page = pdf[index]
        pixels = page.render(scale=0.5).to_numpy()
        ink = float(np.mean(pixels[..., :3].min(axis=-1) < 200))
        assert ink > 0.003, f"page {index + 1} is blank ({ink:.4f} inked)"
        text += page.get_textpage().get_text_range()
    pdf.close()
    for heading in ("Sector leverage", "Balance-sheet recession", "Appendix"):
        assert heading in text
    assert "China: debt by sector" in text  # a chart title, drawn by Vega inside the PDF
    if shutil.which("pdftoppm"):  # keep page images to look at
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf_path), str(SHOTS / "note_cn")],
                       check=True)


def test_cli_report_writes_html_and_rejects_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "us.html"
    done = runner.invoke(get_app(), ["report", "US", "--compare", "JP", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "Appendix" in out.read_text(encoding="utf-8")
    for args in (["report", "US", "--out", str(tmp_path / "x.txt")], ["report", "XX"],
                 ["report", "US", "--compare", "ZZ"], ["report", "US", "--since", "2008Q5"]):
        bad = runner.invoke(get_app(), args)
        assert bad.exit_code == 2, (args, bad.output)
        assert bad.output.strip().count("\n") == 0 and "Traceback" not in bad.output


@pytest.mark.parametrize(("gap", "words"), [(-7.7, "below the 2 pp"), (1.99, "below the 2 pp"),
                                            (2.0, "between the 2 and 10 pp"),
                                            (9.9, "between the 2 and 10 pp"),
                                            (10.0, "above the 10 pp"), (25.0, "above the 10 pp")])
def test_gap_position_uses_the_basel_thresholds(gap: float, words: str) -> None:
    # Basel III countercyclical buffer guide (BCBS 2010): starts at a 2 pp gap, maximum at 10 pp.
    from debtcycle.outputs.report.sections_risk import gap_position

    assert words in gap_position(gap)


def test_vulnerability_fiscal_and_markets_come_from_their_results(note: Note) -> None:
    import debtcycle

    gap = debtcycle.gap("CN").to_frame().dropna(subset=["gap"])
    vul = " ".join(_section(note, "vulnerability")["sentences"])  # type: ignore[arg-type]
    assert f"was {gap['gap'].iloc[-1]:+.1f} pp in {gap.index[-1]}" in vul
    assert "AUROC" in json.dumps(_section(note, "vulnerability")["tables"])
    fiscal = " ".join(_section(note, "fiscal")["sentences"])  # type: ignore[arg-type]
    assert "forecast" in fiscal and "stress test" in fiscal
    markets = " ".join(_section(note, "markets")["sentences"])  # type: ignore[arg-type]
    assert "equities returned" in markets and "10-year yield" in markets
    keys = {f.key for s in note.sections for f in s.figures}
    assert {"leverage", "compare", "phases", "decompose", "gap", "balances", "bsr_compare",
            "fan", "scenario", "markets"} <= keys


def test_cli_serve_refuses_a_busy_port_on_one_line() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = CliRunner().invoke(get_app(), ["serve", "--port", str(port)])
    assert done.exit_code == 2
    assert f"--port {port}" in done.output and done.output.strip().count("\n") == 0
