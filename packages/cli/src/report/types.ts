/**
 * What an HTML report shows, independent of where it came from (a trace result, the demo). Amounts are bigint base
 * units of `unit`.
 */
export interface ReportData {
  readonly title: string;
  /** One line under the title: what was traced, from where, when. */
  readonly subtitle?: string;
  /** The taint policy and its source, as a sentence ("haircut: Anderson et al. 2018, §3"). */
  readonly policy: string;
  readonly unit: ReportUnit;
  readonly nodes: readonly ReportNode[];
  readonly edges: readonly ReportEdge[];
  /** Entities (or lone holders) the taint reached, largest first. */
  readonly reached: readonly ReportReached[];
  /** The paths that carried the most taint, largest first. */
  readonly paths: readonly ReportPath[];
  readonly screening?: readonly ReportScreening[];
  /** Facts worth a line: truncation, budgets, skipped holders. */
  readonly notes?: readonly string[];
}

export interface ReportUnit {
  readonly symbol: string;
  readonly decimals: number;
}

/** A holder or a transaction in the flow graph. */
export interface ReportNode {
  readonly id: string;
  readonly label: string;
  readonly kind: 'holder' | 'tx';
  /** chaintrail category of its label, or 'unlabelled'. */
  readonly category: string;
  readonly entity?: string;
  /** Taint that reached it. */
  readonly taint?: bigint;
  /** True for the traced sources. */
  readonly source?: boolean;
}

export interface ReportEdge {
  readonly source: string;
  readonly target: string;
  readonly amount: bigint;
  readonly taint?: bigint;
  readonly txid?: string;
}

export interface ReportReached {
  /** The entity's name, or the holder when it belongs to none. */
  readonly name: string;
  readonly category: string;
  readonly addresses: readonly string[];
  readonly taint: bigint;
  /** Taint as a share of what was traced, as a decimal text ("0.675"). */
  readonly share?: string;
  /** How many hops from the nearest source. */
  readonly hops?: number;
}

export interface ReportPath {
  readonly taint: bigint;
  /** Node ids, source first. */
  readonly hops: readonly string[];
  readonly txids?: readonly string[];
}

export interface ReportScreening {
  /** What was screened (address, and chain). */
  readonly subject: string;
  /** The verdict word (`block`, `review`, `allow`…). */
  readonly verdict: string;
  readonly reasons: readonly { readonly text: string; readonly evidence: readonly string[] }[];
}

/** Colours of categories in the graph and the table; anything else is grey. */
export const CATEGORY_COLOURS: Readonly<Record<string, string>> = {
  sanctioned: '#d62728',
  mining_pool: '#ff7f0e',
  exchange: '#1f77b4',
  mixer: '#9467bd',
  coinjoin: '#8c564b',
  ransomware: '#e377c2',
  darknet_market: '#7f1d1d',
  scam: '#bcbd22',
  theft: '#a16207',
  gambling: '#17becf',
  bridge: '#0e7490',
  defi: '#2ca02c',
  payment_processor: '#4338ca',
  service: '#0d9488',
  user: '#64748b',
  other: '#94a3b8',
  unlabelled: '#9ca3af',
  tx: '#d1d5db',
};
