"""The files a web host reads to serve the built site well (site.yaml `host`).

Every host gets the same policy (`policy.py`): the 404 page for missing addresses, pretty
addresses with and without the trailing slash, security headers with a Content-Security-Policy
that allows only the site's own scripts and styles, long cache lifetimes for fingerprinted
static files and revalidation for everything else, and the Open Referral UK files as JSON that
any website may read. Each module here writes that policy in one host's own format.
"""
