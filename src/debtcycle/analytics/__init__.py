"""Analytics: pure functions over pandas objects returning typed results (no I/O, no plots)."""
