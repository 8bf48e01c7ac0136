"""Vulnerability analytics: one-sided HP filter, credit gaps, debt service ratios, early warning."""
