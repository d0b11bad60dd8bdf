"""Helpers only tests need (the package never imports them)."""
