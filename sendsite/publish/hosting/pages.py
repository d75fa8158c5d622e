"""GitHub Pages and GitLab Pages: hosts that read no configuration from the site.

Both serve 404.html for a missing address and answer /services/portage with a redirect to
/services/portage/. Neither lets a site set its own headers or cache lifetimes, so the pages
themselves carry the Content-Security-Policy and the referrer policy in <meta> elements (the
theme adds them for these hosts); X-Content-Type-Options and frame-ancestors cannot be said.
GitHub Pages would run Jekyll on a site pushed to a branch; `.nojekyll` stops that.
"""

from __future__ import annotations

from sendsite.publish.hosting.policy import Policy

META_HOSTS = frozenset({"github-pages", "gitlab-pages"})


def github_pages_files(policy: Policy) -> dict[str, bytes]:
    return {".nojekyll": b""}


def gitlab_pages_files(policy: Policy) -> dict[str, bytes]:
    return {}
