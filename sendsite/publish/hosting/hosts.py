"""The hosts site.yaml's `host` may name, and the files each is given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sendsite import model
from sendsite.publish.hosting.apache import apache_files
from sendsite.publish.hosting.azure import azure_files
from sendsite.publish.hosting.cloudfront import cloudfront_files
from sendsite.publish.hosting.iis import iis_files
from sendsite.publish.hosting.netlify import cloudflare_files, netlify_files
from sendsite.publish.hosting.nginx import nginx_files
from sendsite.publish.hosting.pages import github_pages_files, gitlab_pages_files
from sendsite.publish.hosting.policy import Policy
from sendsite.publish.hosting.routes import REWRITES, Rewrite


@dataclass(frozen=True)
class Host:
    name: str  # as written in site.yaml
    label: str  # as said to people
    files: Callable[[Policy], dict[str, bytes]]


HOSTS: dict[str, Host] = {
    host.name: host
    for host in (
        Host("netlify", "Netlify", netlify_files),
        Host("cloudflare-pages", "Cloudflare Pages", cloudflare_files),
        Host("github-pages", "GitHub Pages", github_pages_files),
        Host("gitlab-pages", "GitLab Pages", gitlab_pages_files),
        Host("apache", "Apache", apache_files),
        Host("nginx", "nginx", nginx_files),
        Host("iis", "IIS", iis_files),
        Host("azure-static-web-apps", "Azure Static Web Apps", azure_files),
        Host("s3-cloudfront", "Amazon S3 with CloudFront", cloudfront_files),
    )
}


assert {name: host.label for name, host in HOSTS.items()} == model.HOSTS


def host_files(
    hosts: Sequence[str],
    *,
    base_path: str,
    title: str,
    base_url: str,
    rewrites: tuple[Rewrite, ...] = REWRITES,
) -> dict[str, bytes]:
    """Every file the named hosts read (output path -> bytes)."""
    policy = Policy(base_path=base_path, title=title, base_url=base_url, rewrites=rewrites)
    files: dict[str, bytes] = {}
    for name in hosts:
        files.update(HOSTS[name].files(policy))
    return files
