"""Run every benchmark module (``python -m benchmarks [name ...]``) and print a JSON summary."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(i.name for i in pkgutil.iter_modules([str(here)]) if i.name.startswith("bench_"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    results = {}
    for name in wanted:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name}", flush=True)
        results[name] = module.main()
    print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
