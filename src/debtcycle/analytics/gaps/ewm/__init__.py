"""Crisis early-warning models: Schularick-Taylor logit on JST, BIS panel model, evaluation."""
