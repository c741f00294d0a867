"""The claim graph, drawn at build time as inline SVG (no script, no library): one drawing per topic.

Nodes are the claims that have a dependency or are one (``Claim.depends``), coloured by the canonical
verdict and marked when a printed variant is refuted; an edge runs from a dependency down to the claim
that uses it. Layout: longest-path layering (every claim sits below all its dependencies), then a few
sweeps of barycentre ordering within each layer to shorten the edges. An edge between two claims that are
both refuted as printed on the same line of a document is drawn as a broken link: one wrong line breaks
the chain of its argument (003 line 24 prints three errata of Novikoff's proof).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..engine.model import Result, Verdict

NODE_HEIGHT = 28
LAYER_GAP = 54
NODE_GAP = 14
CHAR_WIDTH = 7.0  # of the 12 px sans-serif labels, a generous average
PADDING = 10
SWEEPS = 4


@dataclass
class Node:
    """One claim of the drawing: its verdict, its printed errata and its place."""

    cid: str
    label: str
    verdict: str
    """The canonical verdict, or ``absent`` for a dependency that is not in this run."""
    errata: tuple[str, ...] = ()
    """``003:24`` for each printed variant that is refuted."""
    depends: tuple[str, ...] = ()
    layer: int = 0
    x: float = 0.0
    width: float = field(default=0.0)


def topic_graphs(results: Sequence[Result], href: Callable[[str], str]) -> list[tuple[str, Markup]]:
    """``(topic, svg)`` for each topic of the run that has a dependency between claims, in topic order."""
    canonical = {r.cid: r for r in results if r.variant == "canonical"}
    errata: dict[str, list[str]] = defaultdict(list)
    for r in results:
        if r.document is not None and r.verdict is Verdict.REFUTED:
            errata[r.cid].append(f"{r.document[:3]}:{r.line}")
    drawings = []
    for topic in sorted({r.topic for r in canonical.values()}):
        members = [r for r in canonical.values() if r.topic == topic]
        used = {d for r in members for d in r.depends}
        nodes: dict[str, Node] = {}
        for r in members:
            if r.depends or r.cid in used:
                nodes[r.cid] = _node(r.cid, r.verdict.value, errata[r.cid], r.depends, topic)
        for dependency in sorted(used - set(nodes)):  # a claim of another topic, or one not in this run
            outside = canonical.get(dependency)
            nodes[dependency] = _node(dependency, outside.verdict.value if outside else "absent",
                                      errata.get(dependency, []), (), topic)
        if nodes:
            drawings.append((topic, draw(nodes, href)))
    return drawings


def _node(cid: str, verdict: str, errata: Sequence[str], depends: Sequence[str], topic: str) -> Node:
    label = cid.removeprefix(topic + ".")
    return Node(cid, label, verdict, tuple(sorted(errata)), tuple(depends),
                width=len(label) * CHAR_WIDTH + 2 * PADDING + (16 if errata else 0))


def layer(nodes: dict[str, Node]) -> list[list[Node]]:
    """Longest-path layering: a node's layer is one more than the deepest of its dependencies."""
    depth: dict[str, int] = {}

    def visit(cid: str, path: frozenset[str]) -> int:
        if cid not in depth:
            parents = [d for d in nodes[cid].depends if d in nodes and d not in path]  # a cycle is cut, not looped
            depth[cid] = 1 + max((visit(d, path | {cid}) for d in parents), default=-1)
        return depth[cid]

    layers: list[list[Node]] = []
    for cid in sorted(nodes):
        nodes[cid].layer = visit(cid, frozenset())
    for node in sorted(nodes.values(), key=lambda n: n.cid):
        while len(layers) <= node.layer:
            layers.append([])
        layers[node.layer].append(node)
    return layers


def order(layers: list[list[Node]], nodes: dict[str, Node]) -> None:
    """Barycentre heuristic: sweep down then up, sorting each layer by the mean position of its neighbours."""
    children: dict[str, list[str]] = defaultdict(list)
    for node in nodes.values():
        for d in node.depends:
            if d in nodes:
                children[d].append(node.cid)
    parents = {n.cid: [d for d in n.depends if d in nodes] for n in nodes.values()}
    position = {n.cid: i for row in layers for i, n in enumerate(row)}

    def barycentre(cid: str, neighbours: list[str]) -> float:
        return sum(position[m] for m in neighbours) / len(neighbours) if neighbours else position[cid]

    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0  # down: order by the dependencies above; up: by the dependents below
        for row in layers[1:] if downward else reversed(layers[:-1]):
            row.sort(key=lambda n, down=downward: barycentre(n.cid, parents[n.cid] if down else children[n.cid]))
            position.update({n.cid: i for i, n in enumerate(row)})


def draw(nodes: dict[str, Node], href: Callable[[str], str]) -> Markup:
    """The SVG of one topic's graph; every node links to its claim (``href(cid)``)."""
    layers = layer(nodes)
    order(layers, nodes)
    widths = [sum(n.width for n in row) + NODE_GAP * (len(row) - 1) for row in layers]
    total_width = max(widths) + 2 * NODE_GAP
    for row, row_width in zip(layers, widths, strict=True):
        x = (total_width - row_width) / 2
        for node in row:
            node.x = x
            x += node.width + NODE_GAP
    height = len(layers) * (NODE_HEIGHT + LAYER_GAP) - LAYER_GAP + 2 * NODE_GAP

    def top(n: Node) -> float:
        return NODE_GAP + n.layer * (NODE_HEIGHT + LAYER_GAP)

    edges: list[str] = []
    for node in nodes.values():
        for d in node.depends:
            if d not in nodes:
                continue
            source = nodes[d]
            x1, y1 = source.x + source.width / 2, top(source) + NODE_HEIGHT
            x2, y2 = node.x + node.width / 2, top(node)
            middle = (y1 + y2) / 2
            broken = sorted(set(source.errata) & set(node.errata))
            title = f"{node.cid} depends on {d}" + (
                f"; both refuted as printed at {', '.join(broken)}: a broken chain" if broken else "")
            curve = f"M{x1:.0f} {y1:.0f}C{x1:.0f} {middle:.0f} {x2:.0f} {middle:.0f} {x2:.0f} {y2 - 3:.0f}"
            edges.append(f'<path class="edge{" broken" if broken else ""}" d="{curve}" marker-end="url(#arrow)">'
                         f"<title>{escape(title)}</title></path>")
    boxes = [_box(n, top(n), href) for row in layers for n in row]
    return Markup(
        f'<svg class="claim-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_width:.0f} {height:.0f}" '
        f'width="{total_width:.0f}" height="{height:.0f}" role="img">'
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0L8 4L0 8z" class="arrowhead"/></marker></defs>'
        + "".join(edges) + "".join(boxes) + "</svg>")


def _box(node: Node, y: float, href: Callable[[str], str]) -> str:
    title = f"{node.cid}: canonical {node.verdict}" if node.verdict != "absent" else f"{node.cid}: not in this run"
    if node.errata:
        title += "; refuted as printed at " + ", ".join(node.errata)
    mark = (f'<text class="erratum-mark" x="{node.x + node.width - PADDING - 6:.0f}" y="{y + 18:.0f}">✗</text>'
            if node.errata else "")
    shape = (f'<rect class="node-box g-{node.verdict}{" has-erratum" if node.errata else ""}" x="{node.x:.0f}" '
             f'y="{y:.0f}" width="{node.width:.0f}" height="{NODE_HEIGHT}" rx="6"/>'
             f'<text x="{node.x + PADDING:.0f}" y="{y + 18:.0f}">{escape(node.label)}</text>{mark}')
    if node.verdict == "absent":
        return f'<g class="node absent"><title>{escape(title)}</title>{shape}</g>'
    return (f'<a class="node" href="{escape(href(node.cid))}" data-cid="{escape(node.cid)}">'
            f'<title>{escape(title)}</title>{shape}</a>')
