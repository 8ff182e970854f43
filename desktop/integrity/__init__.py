"""Tamper evidence beyond the chain itself: the stored data must match the keyed audit record."""
