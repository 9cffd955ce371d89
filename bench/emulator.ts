/**
 * The MongoDB emulator's own benchmark (bench/mongo-emulator.ts, from issue 3), run as a child
 * process so it keeps its own output file; its rows are folded into latest.json.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { childEnv } from './support/processes.js';
import { type BenchResult, check, type Figure } from './support/report.js';

const fileSchema = z.object({
  server: z.string(),
  connection: z.string(),
  rows: z.array(
    z.object({
      operation: z.string(),
      documents: z.number(),
      ops: z.number(),
      opsPerSec: z.number(),
      meanMicros: z.number(),
    }),
  ),
});

export async function benchEmulator(): Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/mongo-emulator.ts'], {
    env: childEnv({}),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench/mongo-emulator.ts exited with ${code}: ${stderr}`);
  const file = fileSchema.parse(JSON.parse(readFileSync('bench/results/mongo-emulator.json', 'utf8')));
  const rows: Array<Record<string, Figure>> = file.rows.map((r) => ({
    operation: r.operation,
    documents: r.documents,
    ops: r.ops,
    'ops/s': r.opsPerSec,
    'mean (µs)': r.meanMicros,
  }));
  const findOne = (documents: number) =>
    file.rows.find((r) => r.operation === 'findOne by unique key' && r.documents === documents)?.meanMicros;
  const small = findOne(100);
  const large = findOne(100_000);
  const ratio = small && large ? Math.round((large / small) * 100) / 100 : null;
  return {
    rows,
    checks: [check('findOne mean ratio 100k/100 docs', 'info', ratio, null)],
    notes: [`${file.server}; ${file.connection}; full output in bench/results/mongo-emulator.json.`],
  };
}
