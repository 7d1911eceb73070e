import { describe, expect, it } from 'vitest';
import { ledgerFilterFromQuery } from './ledger-query';

describe('ledgerFilterFromQuery', () => {
  it('presets the department and the dates the address gives', () => {
    expect(ledgerFilterFromQuery({ department: '12', from: '2026-01-01', to: '2026-03-31' })).toEqual({
      departmentId: '12',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(ledgerFilterFromQuery({ department: ['7', '8'] })).toEqual({ departmentId: '7', from: '', to: '' });
    expect(ledgerFilterFromQuery({ from: '2026-07-01' })).toEqual({ departmentId: '', from: '2026-07-01', to: '' });
  });

  it('leaves out what is malformed, and gives null when nothing is preset', () => {
    expect(ledgerFilterFromQuery({ department: 'x1', from: '2026-1-1', to: '2026-03-31' })).toEqual({ departmentId: '', from: '', to: '2026-03-31' });
    expect(ledgerFilterFromQuery({})).toBeNull();
    expect(ledgerFilterFromQuery({ department: '', other: '3' })).toBeNull();
  });
});
