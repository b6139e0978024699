// `pnpm bench`: runs every bench/*.bench.ts in its own process (so one's heap does not skew another's figures)
// and passes their JSON lines through. `pnpm bench <name>` runs the benchmarks whose file name contains <name>.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
let failed = 0;
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', `${dir}${file}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) failed++;
}
if (files.length === 0) process.stderr.write(`bench: no benchmark matches "${filter}"\n`);
process.exitCode = failed > 0 ? 1 : 0;
