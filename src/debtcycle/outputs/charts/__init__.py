"""Chart specs (Altair), one module per chart family, rendered by :func:`save_chart`."""

from debtcycle.outputs.charts._render import save_chart

__all__ = ["save_chart"]
