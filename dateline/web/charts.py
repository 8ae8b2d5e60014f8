"""Charts drawn on the server as plain geometry for the templates' SVG: no chart library, no script."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 160


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    series: str


def timeline(series: dict[str, list[tuple[str, int]]]) -> dict:
    """Bars per week for each series (e.g. statements, events), side by side."""
    weeks = sorted({week for rows in series.values() for week, _ in rows})
    if not weeks:
        return {"bars": [], "width": WIDTH, "height": HEIGHT, "weeks": []}
    top = max(count for rows in series.values() for _, count in rows)
    slot = (WIDTH - 40) / len(weeks)
    width = max(slot / (len(series) + 1), 1.0)
    bars = []
    for n, (name, rows) in enumerate(series.items()):
        counts = dict(rows)
        for i, week in enumerate(weeks):
            count = counts.get(week, 0)
            if count:
                height = (HEIGHT - 30) * count / top
                bars.append(Bar(30 + i * slot + n * width, HEIGHT - 20 - height, width, height,
                                f"{name}, week of {week}: {count}", name))
    step = max(1, len(weeks) // 6)
    ticks = [(30 + i * slot, weeks[i]) for i in range(0, len(weeks), step)]
    return {"bars": bars, "width": WIDTH, "height": HEIGHT, "ticks": ticks, "top": top}


def network_layout(nodes: list[dict], edges: list[dict], size: int = 640) -> dict:
    """Positions for a node-link drawing: a seeded spring layout, so the same data draws the same way."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_weighted_edges_from((e["source"], e["target"], e["weight"]) for e in edges)
    positions = nx.spring_layout(graph, seed=7) if len(graph) > 1 else {n: (0.0, 0.0) for n in graph}
    margin = 60

    def place(xy) -> tuple[float, float]:
        return margin + (xy[0] + 1) / 2 * (size - 2 * margin), margin + (xy[1] + 1) / 2 * (size - 2 * margin)

    degree = dict(graph.degree(weight="weight"))
    drawn_nodes = [{**n, "x": place(positions[n["id"]])[0], "y": place(positions[n["id"]])[1],
                    "r": 4 + min(12, degree.get(n["id"], 0))} for n in nodes]
    at = {n["id"]: n for n in drawn_nodes}
    drawn_edges = [{**e, "x1": at[e["source"]]["x"], "y1": at[e["source"]]["y"], "x2": at[e["target"]]["x"],
                    "y2": at[e["target"]]["y"], "stroke": min(6, 1 + e["weight"] / 2),
                    "source_name": at[e["source"]]["name"], "target_name": at[e["target"]]["name"]} for e in edges]
    return {"nodes": drawn_nodes, "edges": drawn_edges, "size": size}
