import { describe, expect, it } from 'vitest';
import { parseBadge } from '../../../../shared/badge';
import { readCardLines } from '../../../../shared/card/parse';
import { withQr } from '../../../../shared/card/qr';
import { cardToPerson, type CardNoteLabels } from '../../../../shared/card/to-person';
import type { ParsedBadge } from '../../../../shared/model';

const LABELS: CardNoteLabels = { mobile: '携帯', fax: 'FAX', address: '住所', nameLatin: 'ローマ字', review: '名刺から読み取り（要確認: {fields}）' };
const badge = (payload: string): ParsedBadge => {
  const parsed = parseBadge(payload);
  if (!parsed.ok) throw new Error(parsed.error.code);
  return parsed.badge;
};

describe('a QR code on the card', () => {
  const text = readCardLines('株式会社サンプル\n山田 太郎\nt.yamadaQGsample.co.jp\nTEL 03-1234-5678');

  it('wins over the text where both give a field, with full confidence', () => {
    const fields = withQr(text, badge('MECARD:N:山田,太郎;EMAIL:taro.yamada@sample.co.jp;;'));
    expect(fields.email).toEqual({ value: 'taro.yamada@sample.co.jp', confidence: 1, source: 'qr' });
    expect(fields.fullName).toEqual({ value: '山田 太郎', confidence: 1, source: 'qr' });
  });

  it('leaves the text where the code says nothing', () => {
    const fields = withQr(text, badge('MECARD:N:山田,太郎;EMAIL:taro.yamada@sample.co.jp;;'));
    expect(fields.company).toMatchObject({ value: '株式会社サンプル', source: 'text' });
    expect(fields.phone).toMatchObject({ value: '03-1234-5678', source: 'text' });
  });

  it('no code: the text as it was', () => {
    expect(withQr(text, null)).toBe(text);
  });
});

describe('a card reading as a lead', () => {
  it('keeps the lead fields and puts what a lead has no field for into the note', () => {
    const { fields, notes } = cardToPerson(
      readCardLines('株式会社サンプル\n山田 太郎\nTaro Yamada\n〒100-0005 東京都千代田区丸の内1-2-3\nTEL 03-1234-5678 FAX 03-1234-5679\n携帯 090-2345-6789\nt.yamada@sample.co.jp'),
      LABELS,
    );
    expect(fields).toEqual({
      fullName: '山田 太郎', familyName: '山田', givenName: '太郎', company: '株式会社サンプル',
      email: 't.yamada@sample.co.jp', phone: '03-1234-5678',
    });
    expect(notes.split('\n')).toEqual([
      '名刺から読み取り（要確認: -）', '携帯: 090-2345-6789', 'FAX: 03-1234-5679', '住所: 〒100-0005 東京都千代田区丸の内1-2-3', 'ローマ字: Taro Yamada',
    ]);
  });

  it('the mobile is the phone when there is no office number', () => {
    const { fields, notes } = cardToPerson(readCardLines('佐藤 花子\n携帯 090-2345-6789'), LABELS);
    expect(fields.phone).toBe('090-2345-6789');
    expect(notes).not.toContain('携帯');
  });

  it('names the fields to check', () => {
    const { notes } = cardToPerson(readCardLines('t.yamadaQGsample.co.jp'), LABELS);
    expect(notes.split('\n')[0]).toBe('名刺から読み取り（要確認: email）');
  });
});
