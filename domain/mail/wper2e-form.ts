import { type Cell, type Grid, isBlankRow } from './cells.ts';
import {
  type ColumnMap,
  HEADER_FIELDS,
  type HeaderField,
  INTEGER,
  LOOKS_LIKE_NINO,
  type RowField,
  rowLabels,
  TITLE,
  tableHeader,
} from './wper2e-labels.ts';
import { type Draft, type FormReadContext, finishForm, type ReadForm } from './wper2e-record.ts';

export type { FormReadContext, ReadForm };

/**
 * Reads the Exit Report request form (CPA 18 ch.10 Annex A, WPER2E; the WPER3E reminder and ad hoc requests
 * have the same shape) from a grid of cells, whatever it came from. The header fields (Provider Name,
 * District/Jobcentre, Request Date, Report Return Deadline, Return email address) are found by tolerant label
 * matching, written either "Label: value" in one cell or as a label cell followed by a value cell; the
 * participant table by its header row (NiNo, Benefit Type, End Date, Jobcentre), with or without the row
 * number column. A single participant written as "NINO: …" lines (ad hoc requests) is read too.
 */
export function readForms(grid: Grid, context: FormReadContext): ReadForm[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const ensure = (): Draft => current ?? startNew();
  const startNew = (): Draft => {
    const draft: Draft = { fields: {}, single: {}, table: null, tableEnded: false, dataRows: [], titles: [] };
    drafts.push(draft);
    current = draft;
    return draft;
  };

  for (const row of grid) {
    if (isBlankRow(row)) continue;
    const table = tableHeader(row);
    if (table !== null) {
      const draft = ensure();
      // A header repeated on the next page continues the same table.
      if (draft.table === null) draft.table = table;
      draft.tableEnded = false;
      continue;
    }
    const rowText = row.map((cell) => cell.text).join(' ');
    const isTitle = TITLE.test(rowText);
    const labels = rowLabels(row);
    const startsForm = isTitle || labels.some((label) => label.field === 'providerName');
    if (startsForm && hasParticipants(ensure())) {
      startNew();
    }
    if (isTitle) {
      ensure().titles.push(rowText);
    }
    if (labels.length > 0) {
      const draft = ensure();
      for (const { field, value } of labels) {
        if (HEADER_FIELDS.has(field)) {
          const key = field as HeaderField;
          if (draft.fields[key] === undefined || draft.fields[key]?.text === '') draft.fields[key] = value;
        } else if (draft.table === null) {
          const key = field as RowField;
          if (draft.single[key] === undefined) draft.single[key] = value;
        }
      }
      continue;
    }
    const draft = drafts[drafts.length - 1];
    if (draft?.table && !draft.tableEnded) {
      readDataRow(draft, draft.table, row);
    }
  }
  return drafts.filter(isForm).map((draft) => finishForm(draft, context));
}

function hasParticipants(draft: Draft): boolean {
  return draft.dataRows.length > 0 || draft.single.nino !== undefined;
}

function isForm(draft: Draft): boolean {
  return draft.table !== null || draft.single.nino !== undefined;
}

function readDataRow(draft: Draft, table: ColumnMap, row: Cell[]): void {
  const nonEmpty = row.filter((cell) => cell.text !== '');
  const only = nonEmpty.length === 1 ? nonEmpty[0] : undefined;
  // A line of prose after the table ("Kind regards", "Please return by …") ends it.
  if (only !== undefined && (row.length === 1 || row[0] === only)) {
    if (!LOOKS_LIKE_NINO.test(only.text) && !INTEGER.test(only.text)) {
      draft.tableEnded = true;
      return;
    }
  }
  // A text table whose header row has no number column but whose data rows do ("1   AB…   JSA …").
  const first = row[0];
  const offset =
    table.index === null && row.length === table.width + 1 && first !== undefined && INTEGER.test(first.text) ? 1 : 0;
  const cells: Partial<Record<RowField, Cell>> = {};
  for (const field of ['nino', 'benefitType', 'endDate', 'jobcentre'] as const) {
    const position = table.columns[field];
    if (position === undefined) continue;
    const cell = row[position + offset];
    if (cell !== undefined) cells[field] = cell;
  }
  const hasData = Object.values(cells).some((cell) => cell.text !== '' || cell.date !== undefined);
  if (!hasData) {
    // The template's numbered blank rows.
    return;
  }
  const indexCell = table.index !== null ? row[table.index] : offset === 1 ? first : undefined;
  const printed = indexCell !== undefined && INTEGER.test(indexCell.text) ? Number.parseInt(indexCell.text, 10) : null;
  draft.dataRows.push({ rowNumber: printed ?? draft.dataRows.length + 1, cells });
}
