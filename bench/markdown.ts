/**
 * `npx tsx bench/markdown.ts [file]`: prints bench/results/latest.json (or `file`) as Markdown
 * tables, for pasting into bench/README.md after a run.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const figure = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const reportSchema = z.object({
  date: z.string(),
  durationS: z.number(),
  quick: z.boolean(),
  machine: z.object({ cpus: z.number(), cpu: z.string(), platform: z.string(), node: z.string() }),
  loadAverage: z.object({ atStart: z.array(z.number()), atEnd: z.array(z.number()) }).optional(),
  database: z.object({ kind: z.string(), label: z.string() }),
  results: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      skipped: z.string().optional(),
      rows: z.array(z.record(z.string(), figure)),
      checks: z.array(
        z.object({ name: z.string(), target: z.string(), value: figure, pass: z.boolean().nullable() }),
      ),
      notes: z.array(z.string()),
    }),
  ),
});

const cell = (value: unknown) => String(value ?? '—').replace(/\|/g, '\\|');

function table(rows: Array<Record<string, unknown>>): string[] {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`),
  ];
}

const report = reportSchema.parse(
  JSON.parse(readFileSync(process.argv[2] ?? 'bench/results/latest.json', 'utf8')),
);
const out: string[] = [
  `Run of ${report.date} (${report.durationS} s${report.quick ? ', --quick' : ''}): ${report.machine.cpus} × ${report.machine.cpu}, ${report.machine.platform}, Node ${report.machine.node}.`,
  `Database: ${report.database.label}.`,
];
if (report.loadAverage) {
  out.push(
    `Machine load average (1/5/15 min): ${report.loadAverage.atStart.join(' / ')} at start, ${report.loadAverage.atEnd.join(' / ')} at end.`,
  );
}
for (const result of report.results) {
  out.push('', `#### ${result.id}: ${result.title}`, '');
  if (result.skipped) {
    out.push(`Skipped: ${result.skipped.split('\n')[0]}`);
    continue;
  }
  out.push(...table(result.rows), '');
  out.push(
    ...table(
      result.checks.map((c) => ({
        check: c.name,
        value: c.value,
        target: c.target,
        verdict: c.pass === null ? 'info' : c.pass ? 'pass' : 'FAIL',
      })),
    ),
  );
  for (const note of result.notes) out.push('', `_${note}_`);
}
console.log(out.join('\n'));
