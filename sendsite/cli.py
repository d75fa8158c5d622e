"""The `sendsite` command. Exit codes: 0 success, 1 mistakes in the site's files, 2 misuse."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sendsite import __version__
from sendsite.commands.build import build_command
from sendsite.errors import ContentError, ContentErrors
from sendsite.model.derived import build_date_from_environment
from sendsite.text import plural

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def run() -> None:
    """The installed command (and `python -m sendsite`): main, then, after a build, an exit
    that leaves the freeing of the build's objects to the operating system. Tearing down the
    interpreter's hundreds of megabytes of objects one by one took 0.13-0.19 s of a 1.4 s
    one-edit build at 4,000 services. Every file the build wrote is closed by then and its
    processes reaped; the other commands (the live preview's threads and worker process above
    all) exit as usual, and so does a build run under a profiler or a tracer (cProfile,
    coverage), which writes its findings as the interpreter exits."""
    argv = sys.argv[1:]
    code = main(argv)
    if argv[:1] != ["build"] or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`| head`): nothing more can be said
        pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handlers = {
        "build": _build,
        "check": _check,
        "feed-check": _feed_check,
        "import": _import,
        "new": _new,
        "serve": _serve,
    }
    handler = handlers[args.command]
    try:
        return handler(args)
    except Misuse as exc:
        print(f"sendsite: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except OSError as exc:
        # Whatever the stage, a file or folder that cannot be made, read or written is one
        # sentence with its path and a fix, never a traceback.
        print(f"sendsite: {os_error(exc)}", file=sys.stderr)
        return 1


_OS_FIXES = {
    errno.EEXIST: "A file is in the way where a folder is needed: choose another folder "
    "(with -o for a build's output), or move the file.",
    errno.ENOTDIR: "Part of the path is a file, not a folder: choose another folder "
    "(with -o for a build's output).",
    errno.EACCES: "You do not have permission: choose a folder you can write to, or ask for access.",
    errno.EPERM: "You do not have permission: choose a folder you can write to, or ask for access.",
    errno.ENOSPC: "The disk is full: free some space and try again.",
    errno.EROFS: "That disk can only be read: choose a folder on another disk.",
    errno.ENOENT: "Check that the folder exists and the path is spelt right.",
    errno.ENAMETOOLONG: "The path is too long: choose a shorter folder name or a folder nearer the top.",
}


def os_error(exc: OSError) -> str:
    """An OSError as the author needs it: what, where, and what to do."""
    reason = exc.strerror or exc.__class__.__name__
    where = f" '{exc.filename}'" if exc.filename else ""
    fix = _OS_FIXES.get(exc.errno or 0, "Check the path and try again.")
    return f"could not use{where}: {reason.lower()}. {fix}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sendsite",
        description="Build the website of a local area's SEND Local Offer, inspections and plans.",
    )
    parser.add_argument("--version", action="version", version=f"sendsite {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    new_cmd = commands.add_parser(
        "new",
        help="write a new, working site to start from",
        description="Write a complete starter site for a local area into DIR: one example of "
        "each kind of content, with comments saying what each field is for, a templates/ "
        "override, and CI files that publish the site on every change.",
    )
    new_cmd.add_argument("dir", type=Path, help="the new site's folder (made if it is missing)")
    new_cmd.add_argument(
        "--area", default=None, help="the local area's name (default: from the folder's name)"
    )
    new_cmd.add_argument(
        "--base-url",
        default=None,
        help="the address the site will be published at (can be changed later in site.yaml)",
    )
    new_cmd.add_argument(
        "--force",
        action="store_true",
        help="add the starter's files to a folder that is not empty (never replacing a file)",
    )
    new_cmd.add_argument(
        "--date", type=_iso_date, default=None, help="date the examples as if today were DATE"
    )
    build_cmd = commands.add_parser("build", help="build the site", description="Build the site.")
    build_cmd.add_argument("dir", nargs="?", default=".", type=Path, help="site folder (default .)")
    build_cmd.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="output folder (default: site.yaml's output)",
    )
    build_cmd.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (such as services due for review) as errors",
    )
    build_cmd.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help="build as if today were DATE (YYYY-MM-DD); SOURCE_DATE_EPOCH works too",
    )
    check_cmd = commands.add_parser(
        "check",
        help="check content for broken links, stale records, unanswered findings and hard reading",
        description="Report what a careful reviewer would: warnings with file and line.",
    )
    check_cmd.add_argument("dir", nargs="?", default=".", type=Path, help="site folder (default .)")
    check_cmd.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when there are warnings at the levels site.yaml's checks: strict names "
        "(default: must-fix)",
    )
    check_cmd.add_argument(
        "--level",
        choices=("must-fix", "should-fix", "style"),
        default=None,
        help="show only warnings at this level and the more important ones",
    )
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    check_cmd.add_argument(
        "--date", type=_iso_date, default=None, help="check as if today were DATE"
    )
    feed_cmd = commands.add_parser(
        "feed-check",
        help="ask a hosted Open Referral UK feed what the official validator asks",
        description="Request a hosted Open Referral UK feed as the official validator does "
        "(the base, each list's first, middle and last pages, ten records of each), then every "
        "page, and report what fails. URL is the feed's base: base_url followed by openreferral.",
    )
    feed_cmd.add_argument(
        "url", help="the feed's base address, such as https://example.org/openreferral"
    )
    feed_cmd.add_argument(
        "--all", action="store_true", help="read every record, not ten of each list"
    )
    import_cmd = commands.add_parser(
        "import",
        help="turn a spreadsheet into content files",
        description="Turn a spreadsheet (CSV or XLSX) of services into files in content/services/. "
        "Every row is checked first; if any is wrong nothing is written.",
    )
    import_cmd.add_argument("kind", choices=["services"], help="what the spreadsheet holds")
    import_cmd.add_argument("file", type=Path, help="the spreadsheet (.csv or .xlsx)")
    import_cmd.add_argument(
        "dir", nargs="?", default=".", type=Path, help="site folder (default .)"
    )
    import_cmd.add_argument(
        "--overwrite",
        "--force",
        action="store_true",
        help="replace service files that already exist",
    )
    serve_cmd = commands.add_parser(
        "serve",
        help="preview the site with live reload",
        description="Build the site, serve it, and rebuild and reload the browser on every save.",
    )
    serve_cmd.add_argument("dir", nargs="?", default=".", type=Path, help="site folder (default .)")
    serve_cmd.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    serve_cmd.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port (default 8000; the next free one if it is busy)",
    )
    serve_cmd.add_argument(
        "--date", type=_iso_date, default=None, help="build as if today were DATE"
    )
    serve_cmd.add_argument(
        "--edit",
        action="store_true",
        help="also serve the browser editor at admin/, saving into the site's content/ folder",
    )
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2024-03-11") from None


class Misuse(Exception):
    """A command used wrongly (not a content mistake): printed as one line, exit code 2."""


def _site_folder(args: argparse.Namespace) -> Path:
    site_dir: Path = args.dir
    if not site_dir.is_dir():
        raise Misuse(f"there is no folder {site_dir}")
    return site_dir


def _build_date(args: argparse.Namespace) -> dt.date:
    """--date, else SOURCE_DATE_EPOCH, else today."""
    try:
        chosen: dt.date = args.date or build_date_from_environment()
    except ValueError as exc:
        raise Misuse(str(exc)) from None
    return chosen


def _build(args: argparse.Namespace) -> int:
    site_dir = _site_folder(args)
    errors = build_command(site_dir, _build_date(args), args.output, args.strict)
    return _report(errors) if errors else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from sendsite.commands.new import NewSiteRefused, write_new_site

    folder: Path = args.dir
    try:
        made = write_new_site(
            folder,
            area=args.area,
            url=args.base_url,
            today=_build_date(args),
            force=args.force,
        )
    except NewSiteRefused as exc:
        raise Misuse(str(exc)) from None
    for relative in made.kept:
        print(f"Kept {folder / relative}, which was already there.")
    print(f"Wrote a new site with {plural(len(made.written), 'file')} into {folder}.")
    print("Next: preview it with")
    print(f"  sendsite serve {folder}")
    print("then edit site.yaml and the files in content/ (each says what its fields are for).")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from sendsite.commands.import_services import SPREADSHEET_TYPES, import_services

    table: Path = args.file
    site_dir: Path = args.dir
    if not table.is_file():
        print(f"sendsite: there is no file {table}", file=sys.stderr)
        return EXIT_USAGE
    if table.suffix.lower() not in SPREADSHEET_TYPES:
        print(
            f"sendsite: {table} is not a .csv or .xlsx file; save the spreadsheet as CSV UTF-8 "
            "or as an Excel workbook",
            file=sys.stderr,
        )
        return EXIT_USAGE
    _site_folder(args)
    try:
        result = import_services(
            table, site_dir, build_date_from_environment(), overwrite=args.overwrite
        )
    except (ContentErrors, ContentError) as exc:
        errors = exc.errors if isinstance(exc, ContentErrors) else [exc]
        for error in errors:
            print(str(error), file=sys.stderr)
        print(
            f"{plural(len(errors), 'problem')} found, so nothing was imported. "
            "No file has been changed.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    print(
        f"Imported {plural(len(result.created) + len(result.replaced), 'service')} into "
        f"{site_dir / 'content' / 'services'}: {len(result.created)} new, "
        f"{len(result.replaced)} replaced."
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    # the web server's modules load only when serving
    from sendsite.preview.address import is_loopback
    from sendsite.preview.server import serve

    site_dir = _site_folder(args)
    if not 0 <= args.port <= 65535:
        raise Misuse(f"--port {args.port} is not a port number (0 to 65535)")
    if args.edit and not is_loopback(args.host):
        raise Misuse(
            f"--edit lets a browser change the site's files, so it only listens on this computer: "
            f"leave out --host {args.host}"
        )
    return serve(site_dir, _build_date(args), args.host, args.port, edit=args.edit)


def _report(errors: Sequence[ContentError]) -> int:
    for error in errors:
        print(str(error), file=sys.stderr)
    print(
        f"{plural(len(errors), 'problem')} found, so the site was not built. "
        "The previous output has not been changed.",
        file=sys.stderr,
    )
    return EXIT_CONTENT


def _feed_check(args: argparse.Namespace) -> int:
    from sendsite.commands import feed_check

    if not feed_check.is_feed_address(args.url):
        raise Misuse(f"'{args.url}' is not a web address: give the feed's base, starting https://")
    report, lines = feed_check.run(args.url, every_record=args.all)
    for line in lines:
        print(line)
    return EXIT_CONTENT if report.errors else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from sendsite.check.levels import LEVELS, at_or_above, count_by_level
    from sendsite.check.review import check_report

    site_dir = _site_folder(args)
    build_date = _build_date(args)
    try:
        report = check_report(site_dir, build_date)
    except ContentErrors as exc:
        return _report(exc.errors)
    except ContentError as exc:
        return _report([exc])
    shown_levels = at_or_above(args.level) if args.level else frozenset(LEVELS)
    advice = [a for a in report.advice if a.level in shown_levels]
    by_level = [c for c in count_by_level(a.level for a in advice) if c.level in shown_levels]
    if args.format == "json":
        counts = Counter(a.check for a in advice)
        print(
            json.dumps(
                {
                    "warnings": [a.as_dict() for a in advice],
                    "levels": {c.level: c.count for c in by_level},
                    "counts": dict(sorted(counts.items())),
                    "strict_levels": [lv for lv in LEVELS if lv in report.settings.strict],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for item in advice:
            print(item)
        summary = ", ".join(str(c) for c in by_level)
        print(
            f"{plural(len(advice), 'warning')}"
            + (f" ({summary})" if advice else "")
            + f", as of {build_date.isoformat()}."
        )
    failing = any(a.level in report.settings.strict for a in advice)
    return EXIT_CONTENT if args.strict and failing else EXIT_OK
