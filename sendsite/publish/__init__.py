"""Publish stage: writing the site, its feed and sitemap, open data, Open Referral UK, the search index and the build stamp."""
