"""Site: the chosen generator (MkDocs or Zensical) builds the generated folder."""
