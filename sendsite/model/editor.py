"""site.yaml `editor`: the browser editor at admin/, which git host it saves to and how."""

from __future__ import annotations

import re

from sendsite.model import EditorSettings
from sendsite.source.fields import Fields

FIELDS = (
    "backend",
    "repo",
    "branch",
    "folder",
    "workflow",
    "script",
    "base_url",
    "auth_endpoint",
    "app_id",
    "api_root",
    "tenant_id",
)
# site.yaml names -> Decap CMS's backend names
BACKENDS = {"github": "github", "gitlab": "gitlab", "azure-devops": "azure", "gitea": "gitea"}
BACKEND_LABELS = {
    "github": "GitHub",
    "gitlab": "GitLab",
    "azure-devops": "Azure DevOps",
    "gitea": "Gitea",
}
WORKFLOWS = ("editorial", "simple")
SCRIPTS = ("cdn", "self-hosted")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_. -]+)+$")
_FOLDER = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")


def load_editor(group: Fields | None) -> EditorSettings | None:
    """The `editor` group of site.yaml; None when there is none (no admin/ is written) or it is
    wrong (the mistakes are logged)."""
    if group is None:
        return None
    backend = group.choice("backend", tuple(BACKENDS))
    repo = group.text("repo")
    if repo is not None and not _REPO.match(repo):
        shape = (
            "organisation/project/repository"
            if backend == "azure-devops"
            else "owner/name, such as dorset-council/local-offer"
        )
        group.error("repo", f"'{repo}' is not a repository's name", f"Write it as {shape}.")
        repo = None
    if backend == "azure-devops" and repo is not None and repo.count("/") != 2:
        group.error(
            "repo",
            f"an Azure DevOps repository is named by three parts, not '{repo}'",
            "Write it as organisation/project/repository.",
        )
        repo = None
    folder = (group.text("folder") or "").strip("/")
    if folder and (not _FOLDER.match(folder) or ".." in folder.split("/")):
        group.error(
            "folder",
            f"'{folder}' is not a folder inside the repository",
            "Give the path from the top of the repository to the folder with site.yaml, "
            "such as local-offer (leave it out when site.yaml is at the top).",
        )
    workflow = group.choice("workflow", WORKFLOWS, default="editorial") or "editorial"
    script = group.choice("script", SCRIPTS, default="cdn") or "cdn"
    urls = {key: group.url(key) for key in ("base_url", "api_root")}
    app_id, tenant_id = group.text("app_id"), group.text("tenant_id")
    if backend == "azure-devops":
        for key, value in (("tenant_id", tenant_id), ("app_id", app_id)):
            if value is None and key not in group.data:
                group.error(
                    "backend",
                    f"the Azure DevOps editor needs '{key}'",
                    f"Add '{key}:' with the id from the app registration in Microsoft Entra ID "
                    "(see docs/editing-in-the-browser.md).",
                )
    if backend == "gitea" and app_id is None and "app_id" not in group.data:
        group.error(
            "backend",
            "the Gitea editor needs 'app_id'",
            "Add 'app_id:' with the client id of the OAuth2 application made in Gitea "
            "(see docs/editing-in-the-browser.md).",
        )
    if backend is None or repo is None:
        return None
    return EditorSettings(
        backend=backend,
        repo=repo,
        branch=group.text("branch") or "main",
        folder=folder,
        workflow=workflow,
        script=script,
        base_url=urls["base_url"],
        auth_endpoint=group.text("auth_endpoint"),
        app_id=app_id,
        api_root=urls["api_root"],
        tenant_id=tenant_id,
    )
