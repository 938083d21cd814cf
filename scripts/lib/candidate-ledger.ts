// data/curated/candidates.csv: every breach considered for curation, included (with its file) or excluded (with
// the reason), so coverage can be judged and nobody researches the same candidate twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './dataset-files';

export const LEDGER_FILE = join(DATA_DIR, 'curated', 'candidates.csv');
export const LEDGER_COLUMNS = [
  'organisation',
  'year',
  'sector',
  'found_via',
  'status',
  'file',
  'reason',
  'checked',
] as const;

/** Why a candidate was left out; the text after the colon says more. */
export const EXCLUSION_REASONS = [
  'in HIBP',
  'no customer data',
  'no consumer site',
  'not enough sourced facts',
  'already curated',
  'not a breach',
] as const;

export type LedgerRow = Record<(typeof LEDGER_COLUMNS)[number], string>;

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

/** The ledger's rows by column name; throws naming the line of a row with the wrong number of fields. */
export function readLedger(file = LEDGER_FILE): LedgerRow[] {
  const [header, ...lines] = parseCsv(readFileSync(file, 'utf8'));
  if (header?.join(',') !== LEDGER_COLUMNS.join(','))
    throw new Error(`${file}: the header must be ${LEDGER_COLUMNS.join(',')}`);
  return lines.map((fields, i) => {
    if (fields.length !== LEDGER_COLUMNS.length)
      throw new Error(`${file}: line ${i + 2} has ${fields.length} fields, not ${LEDGER_COLUMNS.length}`);
    return Object.fromEntries(LEDGER_COLUMNS.map((c, j) => [c, fields[j]!])) as LedgerRow;
  });
}

/** The category of an excluded row's reason ("in HIBP: in HIBP as X" → "in HIBP"). */
export function reasonCategory(reason: string): string {
  return reason.split(':')[0]!.trim();
}
