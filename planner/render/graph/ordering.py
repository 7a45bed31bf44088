"""The order of the boxes within each column: barycenter sweeps and swaps that cut crossings."""

from __future__ import annotations

Columns = list[list[int]]
"""Each column's nodes top to bottom, real nodes and the dummy nodes of long edges alike."""
Adjacency = list[list[int]]
"""Each node's neighbours one column to one side."""


def order_columns(columns: Columns, up: Adjacency, down: Adjacency) -> tuple[Columns, int]:
    """Barycenter sweeps, right then left, keeping the order with fewest crossings; then, on
    graphs small enough, swaps of neighbours. The order found and its crossings between
    adjacent columns. `columns` is sorted in place along the way; `up` and `down` hold each
    node's neighbours one column left and one column right."""
    cols = columns
    size = len(up)
    position = _positions(cols, size)
    for k in range(1, len(cols)):  # a first pass from the left seeds a sensible order
        _sort(cols[k], up, position)
    best = _count_crossings(cols, down, size)
    best_cols = [list(c) for c in cols]
    rounds = 6 if size < 5000 else (3 if size < 30000 else 1)
    stale = 0
    for _ in range(rounds):
        if best == 0:
            break
        for k in range(len(cols) - 2, -1, -1):
            _sort(cols[k], down, position)
        for k in range(1, len(cols)):
            _sort(cols[k], up, position)
        crossings = _count_crossings(cols, down, size)
        if crossings < best:
            best, best_cols, stale = crossings, [list(c) for c in cols], 0
        else:
            stale += 1
            if stale >= 2:
                break
    if size < 3000:  # quadratic in the degrees: worth it where it is cheap
        _transpose(best_cols, up, down)
        best = _count_crossings(best_cols, down, size)
    return best_cols, best


def _positions(columns: Columns, size: int) -> list[int]:
    """Each node's place in its column."""
    position = [0] * size
    for col in columns:
        for i, node in enumerate(col):
            position[node] = i
    return position


def _transpose(columns: Columns, up: Adjacency, down: Adjacency) -> None:
    """Swap neighbours within a column wherever that removes crossings."""
    position = _positions(columns, len(up))
    for _ in range(8):
        improved = False
        for col in columns:
            for i in range(len(col) - 1):
                u, v = col[i], col[i + 1]
                if _pair_crossings(u, v, position, up, down) > _pair_crossings(
                    v, u, position, up, down
                ):
                    col[i], col[i + 1] = v, u
                    position[u], position[v] = i + 1, i
                    improved = True
        if not improved:
            break


def _pair_crossings(
    upper: int, lower: int, position: list[int], up: Adjacency, down: Adjacency
) -> int:
    """Crossings between the edges of two neighbours when `upper` is above `lower`."""
    total = 0
    for side in (up, down):
        for a in side[upper]:
            for b in side[lower]:
                if position[b] < position[a]:
                    total += 1
    return total


def _sort(col: list[int], side: Adjacency, position: list[int]) -> None:
    def key(node: int) -> tuple[float, int]:
        neighbours = side[node]
        if not neighbours:  # nothing pulls it: it stays where it is
            return (position[node], node)
        return (sum(position[m] for m in neighbours) / len(neighbours), node)

    col.sort(key=key)
    for i, node in enumerate(col):
        position[node] = i


def _count_crossings(columns: Columns, down: Adjacency, size: int) -> int:
    """Crossings between adjacent columns, by counting inversions with a Fenwick tree."""
    position = _positions(columns, size)
    total = 0
    for k in range(len(columns) - 1):
        targets = sorted((position[a], position[b]) for a in columns[k] for b in down[a])
        width = len(columns[k + 1])
        tree = [0] * (width + 1)
        for seen, (_, b) in enumerate(targets):
            # Edges already counted that end below b cross this one.
            i, below_or_at = b + 1, 0
            while i > 0:
                below_or_at += tree[i]
                i -= i & -i
            total += seen - below_or_at
            i = b + 1
            while i <= width:
                tree[i] += 1
                i += i & -i
    return total
