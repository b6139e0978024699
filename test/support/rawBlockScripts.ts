/**
 * The output scripts (and the coinbase scriptSig) of every transaction of a consensus-serialized block, in block
 * order: what a Blockchain-ETL export carries as `script_hex` and the model drops. Read straight from the bytes so a
 * test can write ETL rows of a real block without a chain library.
 */
export function rawBlockScripts(block: Uint8Array): { outputs: string[]; coinbaseScriptSig: string | null }[] {
  const b = Buffer.from(block);
  let p = 80;
  const varint = (): number => {
    const first = b[p++]!;
    if (first < 0xfd) return first;
    if (first === 0xfd) return (p += 2), b.readUInt16LE(p - 2);
    if (first === 0xfe) return (p += 4), b.readUInt32LE(p - 4);
    p += 8;
    return Number(b.readBigUInt64LE(p - 8));
  };
  const count = varint();
  const txs: { outputs: string[]; coinbaseScriptSig: string | null }[] = [];
  for (let t = 0; t < count; t++) {
    p += 4; // version
    let segwit = false;
    if (b[p] === 0 && b[p + 1] === 1) {
      segwit = true;
      p += 2;
    }
    const nIn = varint();
    let coinbaseScriptSig: string | null = null;
    for (let i = 0; i < nIn; i++) {
      p += 36;
      const len = varint();
      if (t === 0) coinbaseScriptSig = b.subarray(p, p + len).toString('hex');
      p += len + 4;
    }
    const nOut = varint();
    const outputs: string[] = [];
    for (let o = 0; o < nOut; o++) {
      p += 8;
      const len = varint();
      outputs.push(b.subarray(p, p + len).toString('hex'));
      p += len;
    }
    if (segwit) {
      for (let i = 0; i < nIn; i++) {
        const items = varint();
        for (let k = 0; k < items; k++) {
          const len = varint();
          p += len;
        }
      }
    }
    p += 4; // locktime
    txs.push({ outputs, coinbaseScriptSig });
  }
  if (p !== b.length) throw new Error(`block parse ended at ${p} of ${b.length} bytes`);
  return txs;
}
