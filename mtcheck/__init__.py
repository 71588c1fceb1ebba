"""mtcheck: a translation-quality checker for news wire copy."""

__version__ = "0.1.0"
