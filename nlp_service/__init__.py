"""Pre-assessment hints for applications to IMDi's grant for qualification and integration measures."""

__version__ = "0.1.0"
