"""The registers of the reputation-risk year beyond incidents: monitoring, complaints, media, prevention, figures."""
