"""What people change: the corpus folder's articles, lexicon edits, saved analyses."""
