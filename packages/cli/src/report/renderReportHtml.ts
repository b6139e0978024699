import { formatUnits } from '@chaintrail/core';
import { reportScript } from './bundle.ts';
import { layeredLayout } from './layout.ts';
import { CATEGORY_COLOURS, type ReportData, type ReportNode } from './types.ts';

export interface RenderReportHtmlParameters {
  readonly data: ReportData;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe to put inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const colourOf = (category: string): string => CATEGORY_COLOURS[category] ?? CATEGORY_COLOURS.other!;

/** Square root of a bigint ratio as a float in [0, 1], for drawing sizes only (never for amounts). */
function scale(amount: bigint, max: bigint): number {
  if (max <= 0n || amount <= 0n) return 0;
  return Math.sqrt(Number((amount * 1_000_000n) / max) / 1_000_000);
}

/**
 * Writes a report as one self-contained HTML page: the flow graph drawn with sigma.js (holders coloured by category,
 * edge width by amount, script and data inlined, no network needed to open it), the table of reached entities, the
 * top paths and the screening verdicts with their evidence. Tables are plain HTML, readable without the script.
 *
 * @example
 * await writeFile('report.html', await renderReportHtml({ data }));
 */
export async function renderReportHtml(parameters: RenderReportHtmlParameters): Promise<string> {
  const { data } = parameters;
  const { symbol, decimals } = data.unit;
  const amount = (value: bigint): string => `${formatUnits(value, decimals)} ${symbol}`;
  const byId = new Map<string, ReportNode>(data.nodes.map((n) => [n.id, n]));
  const nameOf = (id: string): string => byId.get(id)?.label ?? id;

  const positions = layeredLayout(data);
  const maxNode = data.nodes.reduce((m, n) => (n.taint !== undefined && n.taint > m ? n.taint : m), 0n);
  const maxEdge = data.edges.reduce((m, e) => (e.amount > m ? e.amount : m), 0n);
  const graphData = {
    nodes: data.nodes.map((n) => ({
      id: n.id,
      label: n.label,
      color: colourOf(n.kind === 'tx' ? 'tx' : n.category),
      size: n.kind === 'tx' ? 3 : 6 + 14 * scale(n.taint ?? 0n, maxNode),
      x: positions.get(n.id)?.x ?? 0,
      y: positions.get(n.id)?.y ?? 0,
      details: [
        n.label,
        n.entity && n.entity !== n.label ? `entity: ${n.entity}` : '',
        `category: ${n.category}`,
        n.taint !== undefined ? `taint: ${amount(n.taint)}` : '',
        n.id,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    edges: data.edges.map((e) => ({
      source: e.source,
      target: e.target,
      color: e.taint !== undefined && e.taint > 0n ? '#ef444499' : '#9ca3af88',
      size: 1 + 7 * scale(e.amount, maxEdge),
      label: e.taint !== undefined && e.taint !== e.amount ? `${formatUnits(e.taint, decimals)} of ${amount(e.amount)}` : amount(e.amount),
    })),
  };

  const categories = [...new Set(data.nodes.filter((n) => n.kind === 'holder').map((n) => n.category))].sort();
  const legend = categories
    .map((c) => `<span class="chip"><i style="background:${colourOf(c)}"></i>${escapeHtml(c)}</span>`)
    .join(' ');

  const reachedRows = data.reached
    .map(
      (r) => `<tr data-entity="${escapeHtml(r.name)}">
  <td><i class="dot" style="background:${colourOf(r.category)}"></i>${escapeHtml(r.name)}</td>
  <td>${escapeHtml(r.category)}</td>
  <td class="num">${escapeHtml(amount(r.taint))}</td>
  <td class="num">${r.share === undefined ? '' : escapeHtml(r.share)}</td>
  <td class="num">${r.hops === undefined ? '' : r.hops}</td>
  <td class="addr">${r.addresses.map(escapeHtml).join('<br>')}</td>
</tr>`,
    )
    .join('\n');

  const pathItems = data.paths
    .map(
      (p) =>
        `<li><b>${escapeHtml(amount(p.taint))}</b>: ${p.hops.map((h) => `<span class="hop">${escapeHtml(nameOf(h))}</span>`).join(' → ')}${
          p.txids && p.txids.length > 0 ? `<div class="txids">${p.txids.map(escapeHtml).join(', ')}</div>` : ''
        }</li>`,
    )
    .join('\n');

  const screening = (data.screening ?? [])
    .map(
      (s) => `<div class="verdict verdict-${escapeHtml(s.verdict)}" data-verdict="${escapeHtml(s.verdict)}">
  <h3>${escapeHtml(s.verdict.toUpperCase())}: ${escapeHtml(s.subject)}</h3>
  <ul>${s.reasons
    .map((r) => `<li>${escapeHtml(r.text)}${r.evidence.length > 0 ? `<ul class="evidence">${r.evidence.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>` : ''}</li>`)
    .join('')}</ul>
</div>`,
    )
    .join('\n');

  const script = (await reportScript()).replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="chaintrail">
<title>${escapeHtml(data.title)}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
  header, section { max-width: 1200px; margin: 0 auto; padding: 12px 24px; }
  h1 { font-size: 22px; margin: 16px 0 4px; } h2 { font-size: 17px; margin: 20px 0 8px; } h3 { font-size: 15px; margin: 0 0 6px; }
  .sub, .policy { color: #4b5563; }
  #graph { height: 560px; background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; }
  #graph-info { min-height: 1.5em; color: #374151; font-size: 13px; }
  .chip { display: inline-block; margin-right: 10px; font-size: 12px; } .chip i, .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
  table { border-collapse: collapse; width: 100%; background: #fff; } th, td { border-bottom: 1px solid #e5e7eb; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #f3f4f6; font-weight: 600; } .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .addr, .txids { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; color: #4b5563; }
  .hop { white-space: nowrap; } ol li { margin-bottom: 6px; }
  .verdict { border-left: 4px solid #9ca3af; background: #fff; padding: 10px 14px; margin-bottom: 10px; }
  .verdict-severe, .verdict-high, .verdict-block { border-color: #dc2626; } .verdict-medium, .verdict-low, .verdict-review { border-color: #f59e0b; } .verdict-none, .verdict-allow { border-color: #16a34a; }
  .evidence { color: #4b5563; font-size: 13px; } .notes { color: #6b7280; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(data.title)}</h1>
  ${data.subtitle ? `<div class="sub">${escapeHtml(data.subtitle)}</div>` : ''}
  <div class="policy">Policy: ${escapeHtml(data.policy)}</div>
</header>
${screening ? `<section id="screening"><h2>Screening</h2>\n${screening}\n</section>` : ''}
<section id="flow">
  <h2>Flow graph</h2>
  <div class="legend">${legend}</div>
  <div id="graph"></div>
  <div id="graph-info">Hover a node for its details. Edge width follows the amount; red edges carry taint.</div>
</section>
<section id="reached">
  <h2>Reached entities</h2>
  <table>
    <thead><tr><th>entity</th><th>category</th><th class="num">taint</th><th class="num">share</th><th class="num">hops</th><th>addresses</th></tr></thead>
    <tbody>
${reachedRows}
    </tbody>
  </table>
</section>
<section id="paths">
  <h2>Top paths</h2>
  <ol>
${pathItems}
  </ol>
</section>
${data.notes && data.notes.length > 0 ? `<section class="notes"><h2>Notes</h2><ul>${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>` : ''}
<script type="application/json" id="report-graph-data">${scriptJson(graphData)}</script>
<script>${script}</script>
</body>
</html>
`;
}
