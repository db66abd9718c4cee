"""Demo and synthetic data. ``flask seed demo`` runs every domain's step in order."""
