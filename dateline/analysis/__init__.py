"""Analysis stages over a parsed spaCy Doc: actors, statements, events, times, places."""
