/** What every benchmark hands back, and how the runner prints it. */

export type Figure = number | string | boolean | null;

export interface Check {
  name: string;
  target: string;
  value: Figure;
  pass: boolean | null;
}

export interface BenchResult {
  id: string;
  title: string;
  /** Skipped benchmarks say why, and carry no figures. */
  skipped?: string | undefined;
  rows: Array<Record<string, Figure>>;
  checks: Check[];
  notes: string[];
  durationS: number;
}

export function check(name: string, target: string, value: Figure, pass: boolean | null): Check {
  return { name, target, value, pass };
}

export function printResult(result: BenchResult, out: (line: string) => void = console.log): void {
  out('');
  out(`== ${result.id}: ${result.title} (${result.durationS.toFixed(0)} s)`);
  if (result.skipped) {
    out(`   skipped: ${result.skipped}`);
    return;
  }
  if (result.rows.length > 0) console.table(result.rows);
  for (const c of result.checks) {
    const verdict = c.pass === null ? 'info' : c.pass ? 'PASS' : 'FAIL';
    out(`   [${verdict}] ${c.name}: ${String(c.value)} (target ${c.target})`);
  }
  for (const note of result.notes) out(`   note: ${note}`);
}

/** Runs one benchmark, timing it, and turns a crash into a skipped result instead of losing the run. */
export async function runBench(
  id: string,
  title: string,
  body: () => Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>>,
): Promise<BenchResult> {
  const start = Date.now();
  try {
    const partial = await body();
    return { id, title, ...partial, durationS: (Date.now() - start) / 1000 };
  } catch (error) {
    return {
      id,
      title,
      skipped: `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      rows: [],
      checks: [],
      notes: [],
      durationS: (Date.now() - start) / 1000,
    };
  }
}
