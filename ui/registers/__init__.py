"""The register pages: monitoring, complaints, media directory, prevention, accountability."""
