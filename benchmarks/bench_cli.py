"""CLI start-up: ``debtcycle --help`` and ``debtcycle series ... --json`` against bare imports.

Two pairs, each timed in the same run as fresh processes, alternating candidate
and baseline so machine load hits both alike; ``REPEAT`` runs each, median kept:

* ``debtcycle --help`` against ``python -c "import pandas"``: goal ratio < 1 (the help
  imports no pandas or analytics library).
* ``debtcycle series CN households --json`` against ``python -c "import pandas, duckdb"``:
  goal ratio <= 1.3 (the command loads only the catalog and its own module).

The series command reads the store the CLI finds (``DEBTCYCLE_HOME`` or the
project's store; ``make bench`` builds it first).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPEAT = 9
PY = sys.executable
CLI = str(Path(PY).with_name("debtcycle"))

PAIRS = {
    "help": ([CLI, "--help"], [PY, "-c", "import pandas"], 1.0),
    "series_json": ([CLI, "series", "CN", "households", "--json"],
                    [PY, "-c", "import pandas, duckdb"], 1.3),
}


def _once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   timeout=120)
    return time.perf_counter() - start


def _pair(candidate: list[str], baseline: list[str]) -> dict[str, float]:
    _once(candidate), _once(baseline)  # warm the file cache
    cand, base = [], []
    for _ in range(REPEAT):
        cand.append(_once(candidate))
        base.append(_once(baseline))
    return {"candidate_s": statistics.median(cand), "baseline_s": statistics.median(base),
            "candidate_min_s": min(cand), "baseline_min_s": min(base)}


def main() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for name, (candidate, baseline, goal) in PAIRS.items():
        times = _pair(candidate, baseline)
        ratio = times["candidate_s"] / times["baseline_s"]
        out[name] = {
            "candidate": " ".join(["debtcycle", *candidate[1:]]) if candidate[0] == CLI
            else " ".join(candidate),
            "baseline": "python " + " ".join(baseline[1:]),
            **{k: round(v, 3) for k, v in times.items()},
            "ratio": round(ratio, 2), "goal": goal, "met": ratio <= goal,
        }
        print(f"{name}: {out[name]['candidate_s']:.3f}s vs {out[name]['baseline_s']:.3f}s "
              f"= {ratio:.2f}x (goal <= {goal})", flush=True)
    return out


if __name__ == "__main__":
    main()
