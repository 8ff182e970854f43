"""Exchange between installations: keys, signed and encrypted packages, site set-up, merge with conflicts."""
