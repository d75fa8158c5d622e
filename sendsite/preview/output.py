"""The live preview's output folder: what each file in it holds, so that a rebuild writes only
the files whose bytes changed (each whole, by a rename) and removes the ones no longer made."""

from __future__ import annotations

from pathlib import Path

from sendsite.publish.plan import Plan
from sendsite.publish.writer import remove_file, replace_file, write_site

Signature = tuple[int, int]  # a copied file's modification time (ns) and size


def copy_signatures(plan: Plan) -> dict[str, tuple[Path, Signature]]:
    """The copied files, each with the signature that tells when it changes."""
    copies = {}
    for target, source in plan.copies.items():
        stat = source.stat()
        copies[target] = (source, (stat.st_mtime_ns, stat.st_size))
    return copies


class PreviewOutput:
    """The output folder and the bytes of every page and copied file written into it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pages: dict[str, bytes] = {}  # output file -> bytes on disk
        self.copies: dict[str, tuple[Path, Signature]] = {}  # output file -> source
        self.written_once = False

    def write(
        self, pages: dict[str, bytes], copies: dict[str, tuple[Path, Signature]]
    ) -> tuple[list[str], list[str]]:
        """Make the folder hold exactly `pages` and `copies`; the files written and removed.
        The first time, the whole folder is written and swapped in."""
        written: list[str] = []
        removed: list[str] = []
        if not self.written_once:
            write_site(self.folder, pages, {t: s for t, (s, _) in copies.items()})
            written = sorted([*pages, *copies])
            self.written_once = True
        else:
            for out, data in sorted(pages.items()):
                if self.pages.get(out) != data:
                    replace_file(self.folder, out, data)
                    written.append(out)
            for target, (source, signature) in sorted(copies.items()):
                if self.copies.get(target) != (source, signature):
                    replace_file(self.folder, target, source.read_bytes())
                    written.append(target)
            for out in sorted({*self.pages, *self.copies} - {*pages, *copies}):
                remove_file(self.folder, out)
                removed.append(out)
        self.pages, self.copies = pages, copies
        return written, removed

    def write_early(self, pages: dict[str, bytes]) -> tuple[list[str], dict[str, bytes]]:
        """Write the pages that changed of these, ahead of the rest of a rebuild: their names,
        and the bytes they replaced (for `put_back`)."""
        written = [o for o in sorted(pages) if self.pages.get(o) != pages[o]]
        overwritten = {}
        for out in written:
            overwritten[out] = self.pages[out]
            replace_file(self.folder, out, pages[out])
            self.pages[out] = pages[out]  # on disk now
        return written, overwritten

    def put_back(self, written: list[str], overwritten: dict[str, bytes]) -> None:
        """Undo `write_early`: nothing may stay written when a change has a mistake."""
        for out in written:
            old = overwritten.get(out)
            if old is None:
                remove_file(self.folder, out)
                self.pages.pop(out, None)
            else:
                replace_file(self.folder, out, old)
                self.pages[out] = old
