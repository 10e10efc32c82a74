"""Reading and extraction: article files → documents → mentions, initiatives and terms → the corpus tables (with their cache)."""
