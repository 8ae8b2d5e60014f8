"""The ``dateline`` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .calendar import parse_datetime
from .ingest.decode import DEFAULT_MAX_BYTES
from .ingest.sources import Failure, Pending, load_articles

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="dateline: who said what, who did what to whom, where and when — from raw news.")


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    pass


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people; json/jsonl follow the schema.")] = Format.text,
    published: Annotated[str | None, typer.Option(help="Publication date-time for inputs that give none (ISO or e.g. 'Jun 21, 2023, 9:22 PM').")] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse documents larger than this many megabytes.")] = DEFAULT_MAX_BYTES / 1e6,
) -> None:
    """Analyse news articles into attributed, evidence-carrying records (dateline.article/1)."""
    when = None
    if published is not None:
        when = parse_datetime(published)
        if when is None:
            raise typer.BadParameter(f"not a date or date-time: {published!r}", param_hint="--published")
    from .analyze.nlp import load_pipeline  # deferred: the model loads only when there is work
    from .analyze.pipeline import analyze as analyze_one
    from .errors import DatelineError
    from .render import render

    out = Console(highlight=False, soft_wrap=False) if format is Format.text else None
    failures = 0
    results = []
    nlp = None
    for item in load_articles(paths, published=when, max_bytes=int(max_mb * 1e6)):
        if isinstance(item, Failure):
            failures += 1
            print(f"dateline: {item.source}: {item.reason}", file=sys.stderr)
            continue
        if isinstance(item, Pending):
            print(f"dateline: {item.locator}: feed entry only links to {item.url} (not fetched)", file=sys.stderr)
            continue
        nlp = nlp or load_pipeline()
        try:
            result = analyze_one(item, nlp)
        except DatelineError as exc:
            failures += 1
            print(f"dateline: {item.source}: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # one document's fault must not stop the batch
            failures += 1
            print(f"dateline: {item.source}: internal error ({type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        if format is Format.jsonl:
            sys.stdout.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
        elif format is Format.json:
            results.append(result.to_json_dict())
        else:
            render(result, out)
    if format is Format.json and results:
        payload = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    raise typer.Exit(1 if failures else 0)


eval_app = typer.Typer(help="Measure dateline against public gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option(help="PolNeAR directory (holding dev/ and train/).")],
    split: Annotated[str, typer.Option(help="Which split to score.")] = "dev",
    errors: Annotated[Path | None, typer.Option(help="Write every false positive and negative here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Who said what: source, cue, content and whole-attribution P/R/F1 on PolNeAR."""
    from .evaluate.attribution import evaluate
    from .evaluate.report import print_attribution

    scores = evaluate(data, split, errors)
    if as_json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        print_attribution(scores.as_dict(), Console())


@eval_app.command("time")
def eval_time(
    data: Annotated[Path, typer.Option(help="TBAQ-cleaned directory (holding TimeBank/ and AQUAINT/).")],
    errors: Annotated[Path | None, typer.Option(help="Write every miss, false alarm and wrong value here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Time expressions: extent F1 strict and relaxed, type and value accuracy, value F1 (TempEval-3)."""
    from .evaluate.report import print_time
    from .evaluate.time import evaluate

    figures = evaluate(data, errors).as_dict()
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        print_time(figures, Console())


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option(help="PLOVER gold file (PLOVER_GSR_CAMEO.json).")],
    errors: Annotated[Path | None, typer.Option(help="Write every missed or mis-typed event here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Events: type, (type, actor) and (type, actor, recipient) P/R/F1; location country accuracy."""
    from .evaluate.events import evaluate
    from .evaluate.report import print_events

    figures = evaluate(data, errors).as_dict()
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        print_events(figures, Console())


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output (dateline.article/1)."""
    from .schema import committed

    print(json.dumps(committed(), indent=2, sort_keys=True))


def main() -> None:
    app()
