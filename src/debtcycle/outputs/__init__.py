"""Outputs: charts, reports, CLI rendering. Outputs only render analytic results."""
