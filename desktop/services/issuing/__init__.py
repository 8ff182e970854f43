"""Issuing documents: under which number (numbering) and with which verification code (verification)."""
