"""Questions asked of the corpus tables: the view's filters and their URL, filtering, keywords, the network, comparisons, and what each view shows."""
