"""Stewardship: validating new data (SHACL and in-context checks), CSV intake, contributing and reverting."""
