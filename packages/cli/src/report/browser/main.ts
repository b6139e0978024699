/// <reference lib="dom" />
// The report page's script: draws the flow graph with sigma.js. Bundled with esbuild into the HTML file at report
// time (see bundle.ts), so the page needs no network. Everything it shows is computed by the report generator and
// embedded as JSON; this only draws it.
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';

interface PageNode {
  id: string;
  label: string;
  color: string;
  size: number;
  x: number;
  y: number;
  details: string;
}
interface PageEdge {
  source: string;
  target: string;
  color: string;
  size: number;
  label: string;
}

const element = document.getElementById('report-graph-data');
const container = document.getElementById('graph');
const info = document.getElementById('graph-info');
if (element && container) {
  const data = JSON.parse(element.textContent ?? '{}') as { nodes: PageNode[]; edges: PageEdge[] };
  const graph = new MultiDirectedGraph();
  for (const n of data.nodes) graph.addNode(n.id, { ...n });
  for (const e of data.edges) graph.addEdge(e.source, e.target, { ...e, type: 'arrow' });
  let hovered: string | null = null;
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: true,
    defaultEdgeType: 'arrow',
    labelRenderedSizeThreshold: 0,
    labelDensity: 1,
    labelGridCellSize: 60,
    stagePadding: 40,
    edgeLabelSize: 10,
    nodeReducer: (node, attributes) =>
      hovered === null || hovered === node || graph.areNeighbors(hovered, node) ? attributes : { ...attributes, color: '#e5e7eb', label: '' },
    edgeReducer: (edge, attributes) =>
      hovered === null || graph.hasExtremity(edge, hovered) ? attributes : { ...attributes, hidden: true },
  });
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    if (info) info.textContent = String(graph.getNodeAttribute(node, 'details'));
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    renderer.refresh({ skipIndexation: true });
  });
  // Tests (and curious readers) wait for this before looking at the canvas.
  renderer.once('afterRender', () => {
    document.body.dataset.graphReady = String(graph.order);
  });
  // Labels sit to the right of their nodes: leave room for the last column's.
  renderer.getCamera().setState({ x: 0.56, y: 0.5, ratio: 1.15 });
  renderer.refresh();
}
