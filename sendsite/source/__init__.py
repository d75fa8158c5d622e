"""Source stage: reading the site's files (UTF-8, front matter, YAML that keeps its lines) and finding its content."""
