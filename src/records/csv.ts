/**
 * Gradebook export: one row per run with the main measures, as RFC 4180 CSV that spreadsheets and
 * learning-management systems read. Pure.
 */
import type { RunInfo, Trainee } from './schema.ts';

export const CSV_COLUMNS = [
  'run id',
  'trainee',
  'trainee id',
  'scenario',
  'version',
  'date',
  'status',
  'outcome id',
  'outcome score',
  'process score',
  'recognition time (s)',
  'time to intervention (s)',
  'harm exposure (s)',
  'false alarms',
] as const;

type Cell = string | number | null;

/**
 * Quotes a field when it holds a comma, a quote or a line break, doubling inner quotes. Text that
 * a spreadsheet would run as a formula (a name typed as "=HYPERLINK(...)" in someone's exported
 * file) gets a leading apostrophe: gradebooks are opened in Excel, and imported files come from
 * other people's machines.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers to the hundredth, without float noise such as 12.299999999. */
function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

/**
 * Pure: the gradebook of `runs`. Rows keep the order given. A run whose trainee is not in
 * `trainees` still gets its row, with the name left empty. Times of day are in UTC (ISO 8601), so a
 * class's rows sort the same on every machine. `excelBom` prefixes a byte-order mark, which Excel
 * needs to read non-ASCII names (José, Øyvind) correctly.
 */
export function runsToCsv(
  runs: readonly RunInfo[],
  trainees: readonly Trainee[],
  options: { excelBom?: boolean } = {},
): string {
  const names = new Map(trainees.map((t) => [t.id, t.name]));
  const lines = [csvRow(CSV_COLUMNS)];
  for (const run of runs) {
    const s = run.summary;
    lines.push(
      csvRow([
        run.id,
        names.get(run.traineeId) ?? null,
        run.traineeId,
        run.scenario.id,
        run.scenario.version,
        run.startedAt,
        run.status,
        s?.outcomeId ?? null,
        s?.outcomeScore ?? null,
        s?.processScore ?? null,
        s?.recognitionTime ?? null,
        s?.interventionAt ?? null,
        s?.harmExposure ?? null,
        s?.falseAlarms ?? null,
      ]),
    );
  }
  return `${options.excelBom === true ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
