"""Publish stage: writing the site, its feed and sitemap, open data, Open Referral UK, the search index, the build stamp and the files each web host reads."""
