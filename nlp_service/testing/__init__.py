"""Helpers for the tests and the evaluation scripts (local servers)."""
