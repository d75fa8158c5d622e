"""The browser editor at admin/: Decap CMS, configured from the content model."""
