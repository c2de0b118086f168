"""Text utilities every layer shares (below reader, nlp, claims and merge): a uk/ru spelling key,
surname comparison, photo-credit patterns."""
