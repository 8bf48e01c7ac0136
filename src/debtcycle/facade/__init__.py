"""The facade: one call per analysis, by country code, returning a typed result.

This is the only layer that joins the catalog (data) and the analytics
(computation).  The CLI, the report and the web API call nothing else.

One module per analysis family, each exposing plain functions:

* ``facade/leverage.py``  -- leverage, decompose, compare, align
* ``facade/phases.py``    -- phases (and real-time phases)
* ``facade/gaps.py``      -- gap, risk
* ``facade/bsr.py``       -- balances, bsr
* ``facade/exits.py``     -- exits
* ``facade/fiscal.py``    -- fiscal_baseline, fiscal_changes, scenario, recession
* ``facade/markets.py``   -- markets, market_events
* ``facade/ewm.py``       -- early-warning evaluation

Public names are re-exported lazily from :mod:`debtcycle` (see ``_LAZY`` there).
"""
