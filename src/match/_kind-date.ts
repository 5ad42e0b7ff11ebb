import { ColumnBuilder, firstId, type ValueColumn, ValueColumnMerger } from './_columns.js';
import { withinOneEdit } from './_kernel.js';
import type { FieldType } from './field-spec.js';
import type { ColumnMerger, ColumnPreparer, FieldKind, TfPool } from './_kind.js';
import { stringReader } from './_sources.js';
import { readDate } from './_read-date.js';

/**
 * Dates (birth dates): exact; a typo (one digit or two adjacent digits swapped in `YYYYMMDD`, or
 * day and month transposed); one component off (two of year, month, day agree); within a year.
 *
 * @internal
 */
export interface DateColumn {
  readonly kind: 'date';
  /** `YYYYMMDD` per row. */
  readonly values: ValueColumn;
  /** Per value: days since 1970-01-01, year, month, day. */
  readonly dayOf: Int32Array;
  readonly ymd: Int32Array;
}

const LEVELS = ['null', 'else', 'within_year', 'one_component', 'typo', 'exact'] as const;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function compareDate(_type: FieldType, a: DateColumn, i: number, b: DateColumn, j: number): number {
  const x = firstId(a.values, i);
  const y = firstId(b.values, j);
  if (x < 0 || y < 0) return 0;
  const sx = a.values.values[x] ?? '';
  const sy = b.values.values[y] ?? '';
  if (a === b ? x === y : sx === sy) return 5;
  const ya = a.ymd[x * 3] ?? 0;
  const ma = a.ymd[x * 3 + 1] ?? 0;
  const da = a.ymd[x * 3 + 2] ?? 0;
  const yb = b.ymd[y * 3] ?? 0;
  const mb = b.ymd[y * 3 + 1] ?? 0;
  const db = b.ymd[y * 3 + 2] ?? 0;
  if (withinOneEdit(sx, sy) || (ya === yb && ma === db && da === mb)) return 4;
  const agree = (ya === yb ? 1 : 0) + (ma === mb ? 1 : 0) + (da === db ? 1 : 0);
  if (agree >= 2) return 3;
  if (Math.abs((a.dayOf[x] ?? 0) - (b.dayOf[y] ?? 0)) <= 366) return 2;
  return 1;
}

export const dateKind: FieldKind<DateColumn> = {
  kind: 'date',
  levels: () => LEVELS,
  tfLevel: () => 5,
  builder(source: string): ColumnPreparer<DateColumn> {
    const read = stringReader(source);
    const builder = new ColumnBuilder();
    const day: number[] = [];
    const ymd: number[] = [];
    return {
      add(records): void {
        for (const record of records) {
          const raw = read(record);
          const d = raw !== undefined ? readDate(raw) : undefined;
          if (d !== undefined) {
            const key = `${String(d.year).padStart(4, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
            const before = builder.interner.values.length;
            const id = builder.add(key);
            if (id >= before) {
              day[id] = daysFromCivil(d.year, d.month, d.day);
              ymd[id * 3] = d.year;
              ymd[id * 3 + 1] = d.month;
              ymd[id * 3 + 2] = d.day;
            }
          }
          builder.endRow();
        }
      },
      finish: (): DateColumn => ({ kind: 'date', values: builder.finish(), dayOf: Int32Array.from(day), ymd: Int32Array.from(ymd) }),
    };
  },
  merger(): ColumnMerger<DateColumn> {
    const values = new ValueColumnMerger();
    const day: number[] = [];
    const ymd: number[] = [];
    return {
      add(c): void {
        for (const id of values.add(c.values)) {
          day.push(c.dayOf[id] ?? 0);
          for (let q = 0; q < 3; q++) ymd.push(c.ymd[id * 3 + q] ?? 0);
        }
      },
      finish: (): DateColumn => ({ kind: 'date', values: values.finish(), dayOf: Int32Array.from(day), ymd: Int32Array.from(ymd) }),
    };
  },
  compare: compareDate,
  comparator: (type, a, b) => (i, j) => compareDate(type, a, i, b, j),
  tfValue(_type, a, i, b, j): number {
    const x = firstId(a.values, i);
    const y = firstId(b.values, j);
    if (x < 0 || y < 0) return -1;
    return a.values.values[x] === b.values.values[y] ? x : -1;
  },
  tfPool(_type, c): TfPool {
    return { values: c.values.values, counts: c.values.counts, total: c.values.nonNull };
  },
  transforms: ['exact', 'year', 'month_day', 'year_month'],
  keyBasis(_type, c, row, _transform, out): void {
    const id = firstId(c.values, row);
    if (id >= 0) out.push(id);
  },
  singleBasis(_type, c): (row: number) => number {
    const first = c.values.first;
    return (row) => first[row] ?? -1;
  },
  basisKeys(_type, c, id, transform, out): void {
    const v = c.values.values[id] ?? '';
    switch (transform) {
      case 'year':
        out.push(v.slice(0, 4));
        break;
      case 'month_day':
        out.push(v.slice(4));
        break;
      case 'year_month':
        out.push(v.slice(0, 6));
        break;
      default:
        out.push(v);
    }
  },
  signature(_type, c, row): string {
    const id = firstId(c.values, row);
    return id < 0 ? '' : (c.values.values[id] ?? '');
  },
  display(_type, c, row): string | undefined {
    const id = firstId(c.values, row);
    if (id < 0) return undefined;
    const v = c.values.values[id] ?? '';
    return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}`;
  },
};
