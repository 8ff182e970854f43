"""Issuing documents: who they go to (the reporting line) and under which number."""
