"""What people read: the glossary in both languages, charts, highlighted text, tables as shown and exported, the HTML report."""
