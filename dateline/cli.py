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
from .analysis.limits import DEFAULT_MAX_SECONDS, set_time_limit
from .calendar import parse_datetime
from .errors import InputError
from .ingest.decode import DEFAULT_MAX_BYTES
from .ingest.sources import Failure, Pending, load_articles

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="dateline: who said what, who did what to whom, where and when — from raw news.")


class Format(str, Enum):
    text = "text"
    table = "table"  # the same view for people, by the name the query commands use
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


CueModel = Annotated[Path | None, typer.Option(
    "--model", help="Taggers made by `dateline train attribution` (cues, sources, contents), used with the rules.")]
MaxSeconds = Annotated[float, typer.Option(
    min=0, help="Give up a document whose analysis takes longer than this many seconds (0: no limit).")]


def _use_cue_model(model: Path | None) -> None:
    if model is not None:
        from .analysis.nlp import use_cue_model

        try:
            use_cue_model(str(model))
        except FileNotFoundError as exc:
            raise typer.BadParameter(str(exc), param_hint="--model") from None


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text (or table) for people; json/jsonl follow the schema.")] = Format.text,
    published: Annotated[str | None, typer.Option(help="Publication date-time for inputs that give none (ISO or e.g. 'Jun 21, 2023, 9:22 PM').")] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse documents larger than this many megabytes.")] = DEFAULT_MAX_BYTES / 1e6,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: all cores).")] = None,
    model: CueModel = None,
    max_seconds: MaxSeconds = DEFAULT_MAX_SECONDS,
) -> None:
    """Analyse news articles into attributed, evidence-carrying records (dateline.article/1)."""
    _use_cue_model(model)
    set_time_limit(max_seconds)
    when = None
    if published is not None:
        when = parse_datetime(published)
        if when is None:
            raise typer.BadParameter(f"not a date or date-time: {published!r}", param_hint="--published")
    from .analysis.parallel import analyze_parallel, default_workers
    from .analysis.pipeline import AnalysisFailure
    from .model import Article
    from .render import render

    if format is Format.table:
        format = Format.text
    out = Console(highlight=False, soft_wrap=False) if format is Format.text else None
    failures = 0
    results = []

    def articles():
        nonlocal failures
        for item in load_articles(paths, published=when, max_bytes=int(max_mb * 1e6)):
            if isinstance(item, Failure):
                failures += 1
                print(f"dateline: {item.source}: {item.reason}", file=sys.stderr)
            elif isinstance(item, Pending):
                print(f"dateline: {item.locator}: feed entry only links to {item.url} (not fetched)", file=sys.stderr)
            elif isinstance(item, Article):
                yield item

    for result in analyze_parallel(articles(), workers or default_workers()):
        if isinstance(result, AnalysisFailure):
            failures += 1
            print(f"dateline: {result.article.source}: {result.reason}", file=sys.stderr)
        elif format is Format.jsonl:
            sys.stdout.write(result.to_json() + "\n")
        elif format is Format.json:
            results.append(result.to_json_dict())
        else:
            render(result, out)
    if format is Format.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")  # always a list
    sys.stdout.flush()
    raise typer.Exit(1 if failures else 0)


train_app = typer.Typer(help="Train optional models locally from annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("attribution")
def train_attribution(
    data: Annotated[Path, typer.Option(help="BRAT attribution data (PolNeAR layout: SPLIT/text, SPLIT/attributions).")],
    output: Annotated[Path, typer.Option(help="Directory to write the taggers to.")],
    split: Annotated[str, typer.Option(help="Which split to learn from.")] = "train",
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the data.")] = 6,
) -> None:
    """Learn taggers of cues, sources and contents from Source/Cue/Content annotations; use them with --model."""
    from .learn.cue_tagger import train

    try:
        report = train(data, output, split, epochs, log=lambda line: print(line, file=sys.stderr))
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--data") from None
    print(f"trained on {report.documents} articles, {report.cues} cues, {report.parts} sources and contents, "
          f"{report.epochs} epochs in "
          f"{report.seconds} s; saved to {output}")


eval_app = typer.Typer(help="Measure dateline against public gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


AsJson = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]


def _show_figures(figures: dict, as_json: bool, table) -> None:
    """An evaluation's figures: as JSON, or as the report's rich table."""
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        table(figures, Console())


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option(help="PolNeAR directory (holding dev/ and train/).")],
    split: Annotated[str, typer.Option(help="Which split to score.")] = "dev",
    errors: Annotated[Path | None, typer.Option(help="Write every false positive and negative here.")] = None,
    model: CueModel = None,
    as_json: AsJson = False,
) -> None:
    """Who said what: source, cue, content and whole-attribution P/R/F1 on PolNeAR."""
    _use_cue_model(model)
    from .evaluate.attribution import evaluate
    from .evaluate.report import print_attribution

    _show_figures(evaluate(data, split, errors).as_dict(), as_json, print_attribution)


@eval_app.command("time")
def eval_time(
    data: Annotated[Path, typer.Option(help="TBAQ-cleaned directory (holding TimeBank/ and AQUAINT/).")],
    errors: Annotated[Path | None, typer.Option(help="Write every miss, false alarm and wrong value here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Time expressions: extent F1 strict and relaxed, type and value accuracy, value F1 (TempEval-3)."""
    from .evaluate.report import print_time
    from .evaluate.time import evaluate

    _show_figures(evaluate(data, errors).as_dict(), as_json, print_time)


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option(help="PLOVER gold (PLOVER_GSR_CAMEO.json), WikiEvents JSONL (dev.jsonl), "
                                            "ACLED notes JSONL (acled_dev.jsonl) or CAMEO quad-class TSV.")],
    errors: Annotated[Path | None, typer.Option(help="Write every missed or mis-typed event here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Events. PLOVER gold: type, (type, actor), (type, actor, recipient) P/R/F1 and location country
    accuracy. WikiEvents: trigger and argument P/R/F1 on the types that overlap PLOVER. ACLED notes:
    type, actor, place (country, 161 km) and date per note, by half. CAMEO TSV: quad-class accuracy."""
    from .evaluate import report

    if data.suffix == ".tsv":
        from .evaluate.quadclass import evaluate as evaluate_quad

        _show_figures(evaluate_quad(data, errors).as_dict(), as_json, report.print_quadclass)
    elif data.suffix == ".jsonl" and _is_acled(data):
        from .evaluate.acled import evaluate as evaluate_acled

        _show_figures(evaluate_acled(data, errors).as_dict(), as_json, report.print_acled)
    elif data.suffix == ".jsonl":
        from .evaluate.wikievents import evaluate as evaluate_wikievents

        _show_figures(evaluate_wikievents(data, errors).as_dict(), as_json, report.print_wikievents)
    else:
        from .evaluate.events import evaluate

        _show_figures(evaluate(data, errors).as_dict(), as_json, report.print_events)


def _is_acled(path: Path) -> bool:
    """Whether a JSONL file holds ACLED notes (their records carry ``sub_event_type``)."""
    with path.open(encoding="utf-8") as lines:
        first = next((line for line in lines if line.strip()), "{}")
    try:
        return "sub_event_type" in json.loads(first)
    except json.JSONDecodeError:
        return False


@eval_app.command("places")
def eval_places(
    data: Annotated[Path, typer.Option(help="LGL or GeoVirus XML (geoparsing), WikiEvents JSONL (tagging) or PLOVER gold JSON (resolution).")],
    errors: Annotated[Path | None, typer.Option(help="Write every missed or misresolved place here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Places: geoparsing on LGL/GeoVirus XML (tagging P/R/F1, share within 161 km, mean and median error,
    AUC, by half); tagging on WikiEvents' named GPE/LOC mentions; country accuracy on PLOVER locations."""
    from .evaluate import report

    if data.suffix == ".xml":
        from .evaluate.geoparsing import evaluate as evaluate_geoparsing

        _show_figures(evaluate_geoparsing(data, errors).as_dict(), as_json, report.print_geoparsing)
        return
    from .evaluate.places import evaluate

    _show_figures(evaluate(data, errors).as_dict(), as_json, report.print_places)


@eval_app.command("speakers")
def eval_speakers(
    data: Annotated[Path, typer.Option(help="PolNeAR directory holding speakers_dev.jsonl and dev/.")],
    errors: Annotated[Path | None, typer.Option(help="Write every missed and wrong speaker here, by form.")] = None,
    model: CueModel = None,
    as_json: AsJson = False,
) -> None:
    """Speaker resolution: is the speaker named as a careful reader would name them? Overall and per form
    (name, pronoun, nominal, organization), on PolNeAR dev's hand-resolved sources."""
    _use_cue_model(model)
    from .evaluate.report import print_speakers
    from .evaluate.speakers import evaluate

    _show_figures(evaluate(data, errors).as_dict(), as_json, print_speakers)


@eval_app.command("extraction")
def eval_extraction(
    data: Annotated[Path, typer.Option(help="AEB-style directory: html/HASH.html.gz and ground-truth.json.")],
    errors: Annotated[Path | None, typer.Option(help="Write each page's score and metadata here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Article text from real HTML pages: body token P/R/F1 against the true text, and how many pages
    come out with a date-time and offset, a title, an outlet and authors."""
    from .evaluate.extraction import evaluate
    from .evaluate.report import print_extraction

    _show_figures(evaluate(data, errors).as_dict(), as_json, print_extraction)


# ------------------------------------------------------------------ corpus store

DbOption = Annotated[Path | None, typer.Option("--db", help="Store file (default ./dateline.db or $DATELINE_DB).")]
KbOption = Annotated[list[Path] | None, typer.Option("--kb", help="Knowledge-base YAML file(s) (also $DATELINE_KB).")]


MAX_QUERY_CHARS = 1000


def _iso_date(value: str | None) -> str | None:
    """A --since/--until value: an ISO date (2023-06-21), a month (2023-06) or a year (2023)."""
    if value is None:
        return None
    import re
    from datetime import date

    try:
        if re.fullmatch(r"\d{4}", value):
            return value
        if re.fullmatch(r"\d{4}-\d{2}", value):
            date.fromisoformat(value + "-01")
            return value
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}") from None


def _bounded_text(value: str, what: str) -> str:
    if not value.strip():
        raise typer.BadParameter(f"{what} must not be empty")
    if len(value) > MAX_QUERY_CHARS:
        raise typer.BadParameter(f"{what} is {len(value):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    return value


SinceOption = Annotated[str | None, typer.Option(help="From this ISO date on (YYYY-MM-DD, YYYY-MM or YYYY).",
                                                 callback=_iso_date)]
UntilOption = Annotated[str | None, typer.Option(help="Up to this ISO date.", callback=_iso_date)]
LimitOption = Annotated[int, typer.Option(min=1, max=100_000, help="At most this many rows.")]


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class RecordFormat(str, Enum):
    """For one record (an actor's profile, the store's figures): no CSV."""

    table = "table"
    json = "json"
    jsonl = "jsonl"


ReviewedOption = Annotated[bool, typer.Option(
    "--reviewed", help="Apply analysts' reviews: drop records marked wrong, use corrected values.")]
ProfileFormat = Annotated[RecordFormat, typer.Option("--format", "-f", help="table for people; json or jsonl.")]
JsonFlag = Annotated[bool, typer.Option("--json", hidden=True, help="Same as --format json.")]


def _open_store(db: Path | None, kb: list[Path] | None = None, *, create: bool = False):
    """The store for a command; only the writing commands (``create=True``) make a new one."""
    from .corpus.kb import KnowledgeBase
    from .store.db import Store, StoreError, default_path

    try:
        return Store(db or default_path(), kb=KnowledgeBase.load(kb) if kb else None, create=create)
    except StoreError as exc:
        _fail(str(exc))


def _cell(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dict):  # a review: field=value pairs
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value if value is not None else "")


def _emit(rows: list[dict], fmt: TableFormat, columns: list[str], title: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from .render import inert

    from .store.queries import to_csv

    if fmt is TableFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is TableFormat.jsonl:
        sys.stdout.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    elif fmt is TableFormat.csv:
        sys.stdout.write(to_csv(rows))
    else:
        if any("review" in row for row in rows):
            columns = [*columns, "review"]
        table = Table(title=f"{title} ({len(rows)})", expand=True, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            cells = [_cell(row.get(c)) for c in columns]
            # Text, not markup: a "[term]" in a snippet or a title is shown as it is, and control
            # characters from articles are made inert.
            table.add_row(*[Text(inert(c if len(c) <= 200 else c[:199] + "…")) for c in cells])
        Console().print(table)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories: text, HTML, RSS/Atom, WARC(.gz), JSONL.")],
    db: DbOption = None,
    kb: KbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date-time for inputs that give none.")] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse documents larger than this many megabytes.")] = DEFAULT_MAX_BYTES / 1e6,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary line.")] = False,
    workers: Annotated[int | None, typer.Option(help="Worker processes for analysis (default: all cores).")] = None,
    model: CueModel = None,
    max_seconds: MaxSeconds = DEFAULT_MAX_SECONDS,
) -> None:
    """Read, analyse and store documents; what is stored already is skipped, a killed run resumes."""
    _use_cue_model(model)
    set_time_limit(max_seconds)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .analysis.parallel import ParallelAnalyser, default_workers
    from .store.ingest import ingest as run_ingest

    when = parse_datetime(published) if published else None
    if published and when is None:
        raise typer.BadParameter(f"not a date or date-time: {published!r}", param_hint="--published")
    store = _open_store(db, kb, create=True)
    # Progress goes to stderr: standard output carries only the summary, when it is redirected too.
    with Progress(TextColumn("[bold]ingest"), BarColumn(bar_width=None), TextColumn("{task.description}"),
                  TimeElapsedColumn(), disable=quiet, transient=False, console=Console(stderr=True)) as progress:
        task = progress.add_task("starting", total=None)

        def show(summary) -> None:
            rate = summary.added / summary.seconds if summary.seconds else 0.0
            progress.update(task, description=f"{summary.added} added, {summary.skipped} already stored, "
                                              f"{summary.failed} failed, {rate:.1f} docs/s")

        with ParallelAnalyser(workers or default_workers()) as analyser:
            summary = run_ingest(paths, store, published=when, max_bytes=int(max_mb * 1e6), on_progress=show,
                                 analyser=analyser)
    for locator, reason in summary.failures:
        print(f"dateline: {locator}: {reason}", file=sys.stderr)
    print(f"{summary.added} added, {summary.skipped} already stored, {summary.failed} failed, "
          f"{summary.pending} pending (link-only feed entries) in {summary.seconds:.1f} s → {store.path}")
    store.close()
    if summary.stopped:
        _fail(f"stopped: {summary.stopped}; what was stored is kept, rerun to resume", 1)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def reanalyze(
    db: DbOption = None,
    kb: KbOption = None,
    all_articles: Annotated[bool, typer.Option("--all", help="Every article, not only those of older versions.")] = False,
) -> None:
    """Re-run the analysis of stored articles (from their stored text) after dateline changed."""
    from . import __version__
    from .analysis.pipeline import AnalysisFailure, analyze_many
    from .model import Article
    from .store.db import StoreError

    store = _open_store(db, kb)
    rows = store.db.execute("SELECT id, record FROM articles" + ("" if all_articles else " WHERE extractor_version != ?"),
                            () if all_articles else (__version__,)).fetchall()
    articles = [Article.model_validate(json.loads(r["record"])["article"]) for r in rows]
    failed = 0
    for article, result in zip(articles, analyze_many(articles), strict=True):
        if isinstance(result, AnalysisFailure):
            failed += 1
            print(f"dateline: {article.source}: {result.reason}", file=sys.stderr)
            continue
        try:
            store.replace_records(article.id, result)
        except StoreError as exc:
            _fail(f"stopped: {exc}; the articles reanalysed before are kept, rerun to go on", 1)
    print(f"{len(articles) - failed} articles reanalysed with dateline {__version__}, {failed} failed")
    raise typer.Exit(1 if failed else 0)


@app.command("search")
def search_cmd(text: Annotated[str, typer.Argument(help="Words to find in article text (all must occur).",
                                                  callback=lambda v: _bounded_text(v, "TEXT"))],
               db: DbOption = None, limit: LimitOption = 20,
               format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """Full-text search over stored articles, ranked, with highlighted snippets."""
    from .store.queries import search

    _emit(search(_open_store(db), text, limit), format, ["published", "title", "outlet", "snippet"], f"search {text!r}")


@app.command("statements")
def statements_cmd(
    speaker: Annotated[str | None, typer.Option(help="Who said it (any name variant).")] = None,
    about: Annotated[str | None, typer.Option(help="Words the statement's content must contain.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    unique: Annotated[bool, typer.Option("--unique-stories", help="One row per story, not per copy.")] = False,
    act: Annotated[str | None, typer.Option(
        help="speech (words said or written) or intention (what someone means to do: \"sought to talk\").")] = None,
    reviewed: ReviewedOption = False,
    limit: LimitOption = 100, db: DbOption = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """Statements across the corpus: who said what, when, in which article."""
    from .store.queries import statements

    rows = statements(_open_store(db), speaker=speaker, about=about, since=since, until=until,
                      unique_stories=unique, reviewed=reviewed, limit=limit, act=act)
    _emit(rows, format, ["date", "speaker", "kind", "act", "content", "title"], "statements")


@app.command("events")
def events_cmd(
    type: Annotated[str | None, typer.Option(help="PLOVER type, e.g. CONSULT.")] = None,
    actor: Annotated[str | None, typer.Option(help="A participant (any name variant).")] = None,
    place: Annotated[str | None, typer.Option(help="Place name or ISO alpha-2 country.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    all_modalities: Annotated[bool, typer.Option("--all-modalities", help="Also reported, negated, future … events.")] = False,
    unique: Annotated[bool, typer.Option("--unique-stories", help="One row per story, not per copy.")] = False,
    reviewed: ReviewedOption = False,
    limit: LimitOption = 100, db: DbOption = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """Events across the corpus (by default only those the articles assert as happened)."""
    from .store.queries import events

    rows = events(_open_store(db), type=type, actor=actor, place=place, since=since, until=until,
                  all_modalities=all_modalities, unique_stories=unique, reviewed=reviewed, limit=limit)
    _emit(rows, format, ["date", "type", "actors", "recipients", "place", "modality", "evidence"], "events")


@app.command("actor")
def actor_cmd(name: Annotated[str, typer.Argument(help="Any name variant.", callback=lambda v: _bounded_text(v, "NAME"))],
              db: DbOption = None,
              format: ProfileFormat = RecordFormat.table, as_json: JsonFlag = False) -> None:
    """Profile of one corpus actor: aliases, roles over time, why mentions were joined, timeline, counterparts."""
    from rich.panel import Panel
    from rich.text import Text

    from .store.queries import actor_profile

    profile = actor_profile(_open_store(db), name)
    if profile is None:
        print(f"dateline: no actor matching {name!r}", file=sys.stderr)
        raise typer.Exit(1)
    if as_json or format is not RecordFormat.table:
        print(json.dumps(profile, ensure_ascii=False, indent=None if format is RecordFormat.jsonl else 2))
        return
    text = Text()
    text.append(f"{profile['name']}", style="bold")
    text.append(f"  {profile['kind']}{' · ' + profile['country'] if profile['country'] else ''}"
                f"  · {profile['articles']} articles, {len(profile['statements'])} statements, "
                f"{len(profile['events'])} events\n")
    text.append("names in the text: ", style="dim")
    text.append(", ".join(f"{n} ({c})" for n, c in list(profile["aliases"].items())[:12]) + "\n")
    text.append("joined because: ", style="dim")
    text.append("; ".join(f"{r} ×{c}" for r, c in profile["merge_reasons"].items()) + "\n")
    if profile["roles"]:
        text.append("roles: ", style="dim")
        text.append("; ".join(f"{t} ({v['first']}…{v['last']}, {v['articles']} art.)"
                              for t, v in list(profile["roles"].items())[:8]) + "\n")
    if profile["counterparts"]:
        text.append("most frequent counterparts: ", style="dim")
        text.append(", ".join(f"{n} ({c})" for n, c in profile["counterparts"].items()) + "\n")
    for s in profile["statements"][:10]:
        text.append(f"  {s['date'] or '?'} [{s['kind']}] ", style="cyan")
        text.append(f"“{s['content'][:140]}”\n")
    for e in profile["events"][:10]:
        text.append(f"  {e['date'] or '?'} {e['type']} [{e['modality']}] ", style="magenta")
        text.append(f"{e['evidence'][:120]}\n")
    Console().print(Panel(text, title=f"actor {name!r}"))


@app.command("stats")
def stats_cmd(db: DbOption = None, format: ProfileFormat = RecordFormat.table, as_json: JsonFlag = False) -> None:
    """Corpus counts, date range, sources and errors."""
    from .store.queries import stats

    figures = stats(_open_store(db))
    if as_json or format is not RecordFormat.table:
        print(json.dumps(figures, indent=None if format is RecordFormat.jsonl else 2))
        return
    counts = figures["counts"]
    Console().print(
        f"[bold]{figures['path']}[/bold] (schema {figures['schema_version']})\n"
        f"{counts['articles']} articles in {figures['stories']} stories, published "
        f"{figures['first_published'] or '?'} … {figures['last_published'] or '?'}\n"
        f"{counts['corpus_actors']} corpus actors ({counts['actors']} in articles), {counts['statements']} statements, "
        f"{counts['events']} events, {counts['places']} places, {counts['times']} time expressions\n"
        f"sources: {figures['sources_by_kind']}; languages: {figures['languages']}\n"
        f"{counts['errors']} documents failed, {counts['pending']} feed entries pending")


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    polecat = "polecat"
    graphml = "graphml"
    gexf = "gexf"


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Argument(help="Output file (jsonl, graphml, gexf) or directory (csv, parquet).")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite what is there already.")] = False,
) -> None:
    """Export records (jsonl: dateline.article/1 per line; csv/parquet: one file per table, with names and
    articles joined in; polecat: one event per row, PLOVER/POLECAT layout, CSV or .jsonl) or the actor network."""
    from .store.queries import export, network

    to_directory = format in (ExportFormat.csv, ExportFormat.parquet)
    if to_directory and out.exists() and not out.is_dir():
        _fail(f"{out} is a file; {format.value} export writes a directory of tables")
    if not to_directory and out.is_dir():
        _fail(f"{out} is a directory; {format.value} export writes one file")
    if not to_directory and not out.parent.is_dir():
        _fail(f"no directory {out.parent} to write {out.name} into")
    if not force and (out.is_file() or to_directory and out.is_dir() and any(out.glob(f"*.{format.value}"))):
        _fail(f"{out} exists; give --force to overwrite it")
    store = _open_store(db)
    try:
        if format in (ExportFormat.graphml, ExportFormat.gexf):
            written = [network(store, format.value, out)]
        else:
            written = export(store, format.value, out)
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    print("wrote " + ", ".join(str(p) for p in written))


def _fail(message: str, code: int = 2) -> None:
    print(f"dateline: {message}", file=sys.stderr)
    raise typer.Exit(code)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    allow_review: Annotated[bool, typer.Option("--allow-review", help="Let analysts who give the token mark and "
                                                                     "correct records.")] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (one per core serves most).")] = 1,
) -> None:
    """The analysts' workspace in a browser: search, articles with their evidence, actors, network, reviews."""
    import os

    import uvicorn

    from .web.app import create_app

    store = _open_store(db)  # migrates an older store before it is opened read-only
    path = store.path
    store.close()
    import secrets

    given = os.environ.get("DATELINE_TOKEN")
    token = given or secrets.token_urlsafe(24)
    create_app(path, allow_review=allow_review, token=token)  # a store that cannot be served fails here, once
    if allow_review:
        print(f"reviewing is on; token: {'from DATELINE_TOKEN' if given else token}", file=sys.stderr)
    print(f"dateline workspace on http://{host}:{port}/ over {path}", file=sys.stderr)
    # Workers build the app from the environment (one token for all, so a login holds on each).
    os.environ.update(DATELINE_DB=str(path.resolve()), DATELINE_REVIEW="1" if allow_review else "0", DATELINE_TOKEN=token)
    uvicorn.run("dateline.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


@app.command("spark")
def spark_cmd(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files, directories, globs or URIs (s3a://, hdfs://): "
                                                           "WARC(.gz), JSONL, text, HTML, feeds.")] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Directory (or URI) of the Parquet datasets.")] = ...,
    master: Annotated[str, typer.Option(help="local[N], spark://host:port or yarn.")] = "local[*]",
    partitions: Annotated[int | None, typer.Option(min=1, help="Tasks (default: 8 per core).")] = None,
    paths_from: Annotated[list[Path] | None, typer.Option("--paths-from", help="A file listing inputs, one per "
                                                          "line (CC-News warc.paths.gz).")] = None,
    prefix: Annotated[str, typer.Option(help="Put before the relative paths of --paths-from.")] = "",
    kb: KbOption = None,
) -> None:
    """Analyse a corpus on Apache Spark into Parquet datasets by publication month (dateline[spark])."""
    try:
        from .spark.inputs import listed_paths
        from .spark.job import run
    except ImportError as exc:
        _fail(f"the Spark mode needs pyspark: pip install 'dateline[spark]' ({exc})")
    items = list(inputs or [])
    try:
        for listing in paths_from or []:
            items.extend(listed_paths(str(listing), prefix))
        if not items:
            _fail("no input given")
        summary = run(items, output, master=master, partitions=partitions, kb=[str(k) for k in kb] if kb else None)
    except InputError as exc:
        _fail(str(exc))
    peak = max((w["peak_kib"] for w in summary.workers), default=0) / 1024
    print(f"{summary.articles} articles, {summary.errors} errors, {summary.copies} copies left out, "
          f"{summary.pending} pending in {summary.seconds:.1f} s on {summary.partitions} tasks "
          f"(Python worker peak {peak:.0f} MB) → {output}")


@app.command("load")
def load_cmd(
    directory: Annotated[Path, typer.Argument(help="The --output directory of `dateline spark`.")],
    db: DbOption = None,
    kb: KbOption = None,
) -> None:
    """Import the Parquet datasets of `dateline spark` into the SQLite store (query commands, workspace)."""
    from .store.db import StoreError
    from .store.load import load

    store = _open_store(db, kb, create=True)
    try:
        summary = load(directory, store)
    except (InputError, StoreError) as exc:
        _fail(str(exc))
    finally:
        store.close()
    for locator, reason in summary.failures:
        print(f"dateline: {locator}: {reason}", file=sys.stderr)
    print(f"{summary.added} added, {summary.skipped} already stored, {summary.failed} failed, "
          f"{summary.pending} pending → {store.path}")


@app.command("datasette-metadata")
def datasette_metadata_cmd(db: DbOption = None) -> None:
    """Print datasette metadata for the store: shadow tables hidden, views and columns described.
    Use: dateline datasette-metadata --db corpus.db > metadata.json; datasette corpus.db -m metadata.json"""
    from .store.db import default_path
    from .store.views import datasette_metadata

    path = db or default_path()
    print(json.dumps(datasette_metadata(path.stem), indent=2))


kb_app = typer.Typer(help="The actor knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("import-phoenix")
def kb_import_phoenix(
    directory: Annotated[Path, typer.Argument(help="Directory holding Phoenix *.actors.txt dictionaries.")],
    out: Annotated[Path, typer.Option(help="Knowledge-base YAML file to write.")] = Path("kb-phoenix.yaml"),
) -> None:
    """Convert PETRARCH/Phoenix actor dictionaries (with role date ranges) into a knowledge-base file."""
    import yaml

    from .corpus.kb import import_phoenix

    entries = import_phoenix(directory)
    if not entries:
        print(f"dateline: no *actors.txt dictionaries in {directory}", file=sys.stderr)
        raise typer.Exit(1)
    out.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"{len(entries)} actors written to {out}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output (dateline.article/1)."""
    from .schema import committed

    print(json.dumps(committed(), indent=2, sort_keys=True))


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning (dateutil's, trafilatura's …) as one line of dateline's, not a source excerpt."""
    print(f"dateline: warning: {' '.join(str(message).split())}", file=sys.stderr)


class Interrupted(BaseException):
    """Ctrl-C, raised in place of KeyboardInterrupt: click turns that into a bare "Aborted!" and
    exit 1 before we could say what was kept."""


def _interrupt(signum, frame) -> None:
    raise Interrupted


def main() -> None:
    import signal
    import warnings

    warnings.showwarning = _one_line_warning
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except (Interrupted, KeyboardInterrupt):
        # One line, not a traceback per process: what was committed stays, and a rerun resumes.
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while the pool winds down
        print("dateline: interrupted; what was stored is kept, rerun to resume", file=sys.stderr)
        sys.exit(130)
