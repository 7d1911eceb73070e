import { BadInputError } from '../../errors.js';
import { describeCell, TABLE2_BLOCKS, type CellAddress } from './format.js';

/** Table 二's fee is 万元 with up to 4 decimals; every other figure a whole number; none negative. */
export function assertCellValue(cell: CellAddress, value: number, field: string): void {
  const label = describeCell(cell);
  if (!Number.isFinite(value) || value < 0) throw new BadInputError(`${label}须为不小于0的数`, 'NEGATIVE_VALUE', field);
  if (value > 1e11) throw new BadInputError(`${label}过大`, 'VALUE_TOO_LARGE', field);
  const decimal = TABLE2_BLOCKS.some((b) => b.rows.some((r) => r.id === cell.row) && b.columns.some((c) => c.id === cell.column && c.kind === 'decimal'));
  if (decimal) {
    if (Math.abs(Math.round(value * 10_000) - value * 10_000) > 1e-6)
      throw new BadInputError(`${label}以万元为单位，最多保留4位小数`, 'TOO_MANY_DECIMALS', field);
  } else if (!Number.isInteger(value)) {
    throw new BadInputError(`${label}须为整数`, 'NOT_AN_INTEGER', field);
  }
}
