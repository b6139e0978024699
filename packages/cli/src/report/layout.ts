import type { ReportData } from './types.ts';

export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * A left-to-right layered layout of a flow graph: sources in the first column, every other node one column further
 * than its nearest predecessor (breadth-first), nodes in a column spread evenly in first-reached order. Money flows
 * read left to right, which force layouts do not give; it is deterministic, so two reports of one trace look alike.
 *
 * @example
 * const positions = layeredLayout(data); // Map id → { x, y }
 */
export function layeredLayout(data: Pick<ReportData, 'nodes' | 'edges'>): Map<string, Position> {
  const out = new Map<string, string[]>();
  const hasIn = new Set<string>();
  for (const e of data.edges) {
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e.target);
    hasIn.add(e.target);
  }
  const depth = new Map<string, number>();
  const queue: string[] = [];
  const start = data.nodes.filter((n) => n.source);
  for (const n of start.length > 0 ? start : data.nodes.filter((n) => !hasIn.has(n.id))) {
    depth.set(n.id, 0);
    queue.push(n.id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of out.get(id) ?? []) {
      if (depth.has(next)) continue;
      depth.set(next, depth.get(id)! + 1);
      queue.push(next);
    }
  }
  // Nodes no source reaches (inflows from outside the trace) go one column before what they feed.
  for (const n of data.nodes) {
    if (depth.has(n.id)) continue;
    const targets = (out.get(n.id) ?? []).map((t) => depth.get(t)).filter((d): d is number => d !== undefined);
    depth.set(n.id, targets.length > 0 ? Math.max(0, Math.min(...targets) - 1) : 0);
    queue.push(n.id);
  }
  const columns = new Map<number, string[]>();
  for (const id of queue) {
    const d = depth.get(id)!;
    (columns.get(d) ?? columns.set(d, []).get(d)!).push(id);
  }
  const positions = new Map<string, Position>();
  for (const [d, ids] of columns) {
    ids.forEach((id, i) => positions.set(id, { x: d * 14, y: (i - (ids.length - 1) / 2) * 6 }));
  }
  return positions;
}
