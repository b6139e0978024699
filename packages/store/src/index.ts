// Public entry point of @chaintrail/store. Keep this list deliberate: index.test.ts pins it.
export { openStore, isPostgresUrl, redactStoreUrl, Store, type Checkpoint, type OpenStoreParameters } from './Store.ts';
export { UtxoStore } from './UtxoStore.ts';
export { ingest, type IngestParameters, type IngestResult } from './ingest.ts';
export { AccountStore, transferSortKey } from './AccountStore.ts';
export type { ScanParameters } from './scan.ts';
export { buildCompactIndex, type BuildCompactIndexParameters } from './buildCompactIndex.ts';
export type { SqlDriver, SqlRow, SqlValue } from './sql/driver.ts';
export { saveCompactIndex, loadCompactIndex, type SaveCompactIndexParameters, type LoadCompactIndexParameters, type SavedIndexHeader } from './savedIndex.ts';
