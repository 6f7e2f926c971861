const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? grouped.format(n) : '–'),
  /** autocannon's latency histogram has 1 ms resolution, so 0 means under a millisecond. */
  ms: (n: number) => (Number.isFinite(n) ? (n < 1 ? '<1 ms' : `${Number(n.toFixed(1))} ms`) : '–'),
  us: (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} µs` : '–'),
  mb: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '–'),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–'),
  pct: (n: number) => (Number.isFinite(n) ? `±${(n / 2).toFixed(0)} %` : '–'),
};

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  /** Lines printed under the table: load generator, settings, caveats. */
  notes?: string[];
}

/** Renders a plain-text table; the first column is left-aligned, the others right-aligned. */
export function render(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const out = [
    '',
    `## ${table.title}`,
    '',
    line(table.columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.rows.map((r) => line(table.columns.map((_, i) => r[i] ?? ''))),
  ];
  if (table.notes?.length) out.push('', ...table.notes.map((n) => `  ${n}`));
  return `${out.join('\n')}\n`;
}
