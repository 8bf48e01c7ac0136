"""CNBS central and local government leverage (akshare's derived table, shifted labels).

Figures: MANIFEST.md row 8 and CNBS's published 2022-12 values: central 21.4, local
29.0, general government 50.4 (% of GDP).  Check against BIS general government
(WS_TC Q:CN:G:A:N:770:A): within 2.0 pp from 2005-Q4 to 2012-Q4, then BIS is larger
(26.8 pp in 2022-Q4: 77.2 against 50.4) because its coverage of government debt is
wider; the gap is reported, not hidden.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from debtcycle.catalog import series
from debtcycle.errors import ParseError
from debtcycle.sources.cnbs import parse_cnbs, read_cnbs_government


def test_shifted_labels_are_read_as_what_they_hold(mirror: Path) -> None:
    table = read_cnbs_government(mirror / "china" / "akshare_macro_cnbs_derived.csv")
    row = table.set_index("period").loc["2022Q4"]
    assert (row["central_gov"], row["local_gov"], row["general_gov"]) == (21.4, 29.0, 50.4)
    assert len(table) == 122


def test_a_file_without_the_shift_is_refused(tmp_path: Path, mirror: Path) -> None:
    raw = pd.read_csv(mirror / "china" / "akshare_macro_cnbs_derived.csv")
    raw["地方政府"] = raw["中央政府"]  # general column no longer central + local
    bad = tmp_path / "cnbs.csv"
    raw.to_csv(bad, index=False)
    with pytest.raises(ParseError, match="label shift"):
        parse_cnbs(bad, "CNBS_LEVERAGE")


def test_series_by_code_and_check_against_bis() -> None:
    central = series("CN", "central_gov")
    local = series("CN", "local_gov")
    assert central.attrs["info"]["source"] == "cnbs"
    assert float(local[pd.Period("2023Q1", "Q")]) == pytest.approx(30.1)
    bis = series("CN", "general_gov", source="bis")
    gap = (bis - (central + local)).dropna()
    assert gap.loc["2005Q4":"2012Q4"].abs().max() <= 2.0 + 1e-9
    assert float(gap.loc[pd.Period("2022Q4", "Q")]) == pytest.approx(26.8, abs=0.05)
