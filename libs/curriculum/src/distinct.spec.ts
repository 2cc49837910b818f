import fc from 'fast-check';
import { distinctRows } from './distinct';

describe('distinctRows', () => {
  it('drops rows marked as repeats and keeps the order', () => {
    const rows = [
      { row: 1, title: 'a' },
      { row: 2, title: 'b' },
      { row: 3, title: 'a', duplicateOfRow: 1 },
      { row: 4, title: 'c' },
    ];
    expect(distinctRows(rows).map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('drops unmarked repeats too', () => {
    expect(distinctRows([{ title: 'a' }, { title: 'a' }])).toEqual([{ title: 'a' }]);
  });

  it('returns each title once, in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('甲', '乙', '丙', '丁'), { maxLength: 30 }), (titles) => {
        const result = distinctRows(titles.map((title) => ({ title }))).map((r) => r.title);
        return JSON.stringify(result) === JSON.stringify([...new Set(titles)]);
      }),
    );
  });
});
