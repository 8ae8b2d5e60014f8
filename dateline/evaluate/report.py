"""Evaluation tables for people."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_attribution(figures: dict, console: Console) -> None:
    table = Table(title=f"PolNeAR attribution — {figures['documents']} documents, {figures['seconds']} s")
    for column in ("", "EXACT P", "R", "F1", "OVERLAP P", "R", "F1"):
        table.add_column(column, justify="right")
    for key in ("source", "cue", "content", "whole"):
        e, o = figures["exact"][key], figures["overlap"][key]
        table.add_row(key, *(f"{e[k]:.3f}" for k in ("p", "r", "f1")), *(f"{o[k]:.3f}" for k in ("p", "r", "f1")))
    console.print(table)
    t = figures["content_token"]
    console.print(f"content token  P {t['p']:.3f}  R {t['r']:.3f}  F1 {t['f1']:.3f}")
    recall = figures["recall_whole_overlap"]
    console.print("whole-attribution recall (OVERLAP): " + ", ".join(f"{k} {v:.3f}" for k, v in recall.items()))
    for label, key in (("misses", "misses_by_class"), ("false alarms", "false_alarms_by_class")):
        if figures.get(key):
            console.print(f"{label} by class: " + ", ".join(f"{k} {v}" for k, v in figures[key].items()))


def print_time(figures: dict, console: Console) -> None:
    table = Table(title=f"TimeML time expressions — {figures['documents']} documents, {figures['seconds']} s")
    for column in ("extent", "P", "R", "F1"):
        table.add_column(column, justify="right")
    for key in ("strict", "relaxed"):
        row = figures[key]
        table.add_row(key, *(f"{row[k]:.3f}" for k in ("p", "r", "f1")))
    console.print(table)
    console.print(f"type accuracy {figures['type_accuracy']:.3f}   value accuracy {figures['value_accuracy']:.3f}   "
                  f"value F1 {figures['value_f1']:.3f}")
    console.print(f"value accuracy on the raw gold strings, before canonical notation: "
                  f"{figures['value_accuracy_raw_strings']:.3f}")


def print_events(figures: dict, console: Console) -> None:
    table = Table(title=f"PLOVER gold events — {figures['sentences']} sentences, {figures['seconds']} s")
    for column in ("", "P", "R", "F1"):
        table.add_column(column, justify="right")
    for key in ("type", "type_actor", "type_actor_recipient"):
        row = figures[key]
        table.add_row(key.replace("_", ", "), *(f"{row[k]:.3f}" for k in ("p", "r", "f1")))
    console.print(table)
    console.print(f"location country accuracy {figures['location_country_accuracy']:.3f} "
                  f"({figures['located']} sentences with a gold location)")
    halves = figures["halves"]
    console.print("halves by sentence position (tune / confirm): " + ", ".join(
        f"{key.replace('_', ', ')} F1 {halves['tune'][key]['f1']:.3f} / {halves['confirm'][key]['f1']:.3f}"
        for key in ("type", "type_actor", "type_actor_recipient")))


def print_wikievents(figures: dict, console: Console) -> None:
    table = Table(title=f"WikiEvents gold, types shared with PLOVER — {figures['documents']} documents, "
                        f"{figures['seconds']} s")
    for column in ("", "P", "R", "F1", "gold"):
        table.add_column(column, justify="right")
    for key in ("trigger_identification", "trigger_classification", "argument"):
        row = figures[key]
        table.add_row(key.replace("_", " "), *(f"{row[k]:.3f}" for k in ("p", "r", "f1")), str(row["tp"] + row["fn"]))
    console.print(table)
    if halves := figures.get("halves"):
        console.print("halves by document position (tune / confirm): " + ", ".join(
            f"{key.replace('_', ' ')} F1 {halves['tune'][key]['f1']:.3f} / {halves['confirm'][key]['f1']:.3f}"
            for key in ("trigger_identification", "trigger_classification", "argument")))


def print_places(figures: dict, console: Console) -> None:
    if "tagging" in figures:
        row = figures["tagging"]
        table = Table(title=f"Place tagging — {figures['documents']} documents, {figures['seconds']} s")
        for column in ("", "P", "R", "F1", "gold"):
            table.add_column(column, justify="right")
        table.add_row("named GPE/LOC", *(f"{row[k]:.3f}" for k in ("p", "r", "f1")), str(row["tp"] + row["fn"]))
        console.print(table)
    if "resolution" in figures:
        row = figures["resolution"]
        console.print(f"place resolution: {row['gold']} gold locations with a known country; tagged "
                      f"{row['tagged']:.3f}, country accuracy {row['country_accuracy']:.3f}")


def print_geoparsing(figures: dict, console: Console) -> None:
    table = Table(title=f"Geoparsing — {figures['documents']} documents, {figures['seconds']} s")
    for column in ("half", "tag P", "R", "F1", "matched", "≤161 km", "mean km", "median km", "AUC"):
        table.add_column(column, justify="right", no_wrap=column == "half")
    for key in ("all", "tune", "confirm"):
        row = figures[key]
        t = row["tagging"]
        table.add_row(key, *(f"{t[k]:.3f}" for k in ("p", "r", "f1")), str(row["resolved_matches"]),
                      f"{row['within_161km']:.3f}", f"{row['mean_km']:.0f}", f"{row['median_km']:.0f}",
                      f"{row['auc']:.3f}")
    console.print(table)


def print_extraction(figures: dict, console: Console) -> None:
    body, meta = figures["body"], figures["metadata"]
    console.print(f"[bold]Article extraction[/bold] — {figures['pages']} pages ({figures['failed']} failed), "
                  f"{figures['seconds']} s")
    console.print(f"body tokens  P {body['p']:.3f}  R {body['r']:.3f}  F1 {body['f1']:.3f}")
    console.print("pages with " + ", ".join(f"{k.removeprefix('with_')} {v}" for k, v in meta.items()
                                            if k.startswith("with_")) + f"; warned about {meta['warned']}")


def print_speakers(figures: dict, console: Console) -> None:
    table = Table(title=f"Speaker resolution — {figures['documents']} documents, {figures['seconds']} s")
    for column in ("form", "scored", "coverage", "accuracy (covered)", "accuracy"):
        table.add_column(column, justify="right")
    halves = [(f"all: {half}", row) for half, row in figures.get("by_half", {}).items()]
    for key, row in [("all", figures["all"]), *halves, *figures["by_form"].items()]:
        table.add_row(key, str(row["scored"]), f"{row['coverage']:.3f}", f"{row['accuracy_covered']:.3f}",
                      f"{row['accuracy']:.3f}")
    console.print(table)


def print_acled(figures: dict, console: Console) -> None:
    table = Table(title=f"ACLED notes — {figures['notes']} notes ({figures['unmapped']} of sub-event types "
                        f"without a PLOVER type, not scored), {figures['seconds']} s")
    for column in ("", "all", "tune", "confirm", "notes"):
        table.add_column(column, justify="right")
    labels = {"type": "type right", "actor_filled": "event has an actor", "named_actor": "named actor found",
              "place_country": "place in the right country", "place_161km": "place within 161 km",
              "date_exact": "date exact"}
    for key, label in labels.items():
        row = figures[key]
        table.add_row(label, *(f"{row[h]:.3f}" for h in ("all", "tune", "confirm")), str(row["n"]))
    console.print(table)
    console.print("type right by gold type: " + ", ".join(
        f"{t} {v['right']}/{v['n']}" for t, v in figures["type_by_gold"].items()))


def print_quadclass(figures: dict, console: Console) -> None:
    accuracy = figures["accuracy"]
    table = Table(title=f"CAMEO quad classes — {figures['sentences']} sentences, {figures['seconds']} s; accuracy "
                        f"{accuracy['all']:.3f} (tune {accuracy['tune']:.3f}, confirm {accuracy['confirm']:.3f})")
    for column in ("class", "P", "R", "F1", "gold"):
        table.add_column(column, justify="right")
    for name, row in figures["classes"].items():
        table.add_row(name, *(f"{row[k]:.3f}" for k in ("p", "r", "f1")), str(row["tp"] + row["fn"]))
    console.print(table)
    console.print(f"macro F1 {figures['macro_f1']:.3f}")
