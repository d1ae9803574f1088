import { describe, expect, it } from 'vitest';
import { attendanceRows } from '../../../../shared/door/attendance';

const labels = { checkedInAt: 'チェックイン日時', checkedInBy: 'チェックイン担当' };
const ctx = { timeZone: 'Asia/Tokyo', labels };

describe('attendance rows', () => {
  it('puts each entry under its own import\'s headers, then check-in time (local) and staff', () => {
    const rows = attendanceRows(
      [{ id: 1, headers: ['ID', '氏名', '備考', '備考'] }, { id: 2, headers: ['ID', '区分', '氏名'] }],
      [
        { importId: 1, raw: JSON.stringify(['A-1', '山田', 'x', 'y']), checkedInAt: Date.parse('2026-11-20T01:02:03Z'), checkedInBy: '佐藤' },
        { importId: 2, raw: JSON.stringify(['A-2', 'VIP', '鈴木']), checkedInAt: null, checkedInBy: null },
      ],
      ctx,
    );
    expect(rows).toEqual([
      ['ID', '氏名', '備考', '備考', '区分', 'チェックイン日時', 'チェックイン担当'],
      ['A-1', '山田', 'x', 'y', '', '2026-11-20 10:02:03', '佐藤'],
      ['A-2', '鈴木', '', '', 'VIP', '', ''],
    ]);
  });

  it('reads rows stored before imports kept their headers (a header → cell object)', () => {
    const rows = attendanceRows([], [{ importId: null, raw: JSON.stringify({ ID: 'A-9', 会社: '株式会社テスト' }), checkedInAt: null, checkedInBy: null }], ctx);
    expect(rows).toEqual([
      ['ID', '会社', 'チェックイン日時', 'チェックイン担当'],
      ['A-9', '株式会社テスト', '', ''],
    ]);
  });

  it('an empty roster is just the header row', () => {
    expect(attendanceRows([], [], ctx)).toEqual([['チェックイン日時', 'チェックイン担当']]);
  });
});
