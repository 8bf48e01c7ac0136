"""Benchmark: 50 concurrent clients for 60 s against cached API endpoints on loopback.

The server is ``debtcycle serve`` (Uvicorn, one worker) in its own process on
127.0.0.1; each endpoint is requested once first (the uncached baseline,
which computes the facade result), then 50 asyncio clients loop over the
endpoints for the duration.  Reported: requests, errors (non-200 or
transport), p50/p95/p99 latency, throughput, and the ratio of the uncached
baseline to the cached p95.  Goal: p95 < 100 ms with zero errors.

``DEBTCYCLE_BENCH_SECONDS`` and ``DEBTCYCLE_BENCH_CLIENTS`` override 60 and 50.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time

import httpx

SECONDS = float(os.environ.get("DEBTCYCLE_BENCH_SECONDS", "60"))
CLIENTS = int(os.environ.get("DEBTCYCLE_BENCH_CLIENTS", "50"))
ENDPOINTS = (
    "/api/leverage?country=CN",
    "/api/series?country=CN&sector=households&measure=debt_gdp",
    "/api/compare?countries=CN,JP,US",
    "/api/bsr?country=CN",
    "/api/balances?country=JP",
    "/api/decompose?country=US&sector=households&start=2008Q4&end=2014Q4",
    "/api/chart/leverage?country=US",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn; uvicorn.run('debtcycle.web.app:create_app', factory=True, "
            f"host='127.0.0.1', port={port}, log_level='error', access_log=False)")
    return subprocess.Popen([sys.executable, "-c", code])


def _wait(base: str, deadline: float = 60.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


class _Connection:
    """A minimal keep-alive HTTP/1.1 GET client on asyncio streams (a light load generator).

    httpx costs about as much CPU per request as the server itself; on a shared
    2-core machine the generator would then measure mostly itself.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _client(port: int, stop: float, offset: int, latencies: list[float],
                  errors: list[str]) -> None:
    connection = _Connection(port)
    i = offset
    while time.perf_counter() < stop:
        url = ENDPOINTS[i % len(ENDPOINTS)]
        i += 1
        start = time.perf_counter()
        try:
            status = await asyncio.wait_for(connection.get(url), timeout=30)
            if status != 200:
                errors.append(f"{status} {url}")
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
            errors.append(f"{type(exc).__name__} {url}")
            await connection.close()
            connection = _Connection(port)
        latencies.append(time.perf_counter() - start)
    await connection.close()


async def _load(port: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    begin = time.perf_counter()
    stop = begin + SECONDS
    await asyncio.gather(*(_client(port, stop, k, latencies, errors) for k in range(CLIENTS)))
    return latencies, errors, time.perf_counter() - begin


def _quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000)[int(q * 1000) - 1] if len(values) > 1 else 0.0


def main() -> dict[str, object]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(port)
    try:
        _wait(base)
        uncached = []
        for url in ENDPOINTS:
            start = time.perf_counter()
            httpx.get(base + url, timeout=120).raise_for_status()
            uncached.append(time.perf_counter() - start)
        latencies, errors, elapsed = asyncio.run(_load(port))
    finally:
        server.terminate()
        server.wait(timeout=30)
    p95 = _quantile(latencies, 0.95)
    out: dict[str, object] = {
        "clients": CLIENTS,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * _quantile(latencies, 0.50), 1),
        "p95_ms": round(1000 * p95, 1),
        "p99_ms": round(1000 * _quantile(latencies, 0.99), 1),
        "uncached_median_ms": round(1000 * statistics.median(uncached), 1),
        "ratio_uncached_to_cached_p95": (round(statistics.median(uncached) / p95, 1)
                                         if p95 else None),
        "goal_p95_ms": 100,
        "meets_goal": p95 < 0.1 and not errors,
    }
    print(out)
    return out


if __name__ == "__main__":
    main()
