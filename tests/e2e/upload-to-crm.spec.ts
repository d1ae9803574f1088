import { startFakeHubspot, type FakeHubspot } from '../support/crm/hubspot';
import { api } from './support/booth';
import { expect, test } from './support/host';

let crm: FakeHubspot;
test.beforeEach(async () => {
  crm = await startFakeHubspot();
});
test.afterEach(async () => {
  await crm.close();
});

test('a marketer sets up HubSpot, uploads the day’s leads, fixes the one HubSpot refused and sends it again', async ({ page, host }) => {
  // A day of capture first: the connector is set up in the evening.
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  // Each lead read back after its scan: its person (the CRM's key) is decided just after the capture commits.
  const scan = async (payload: string) => {
    const { lead } = await api(host, 'capture.scan', { eventId: event.id, payload, staff: 'Sato' });
    return (await api(host, 'leads.get', { id: lead.id })).lead;
  };
  const yamada = await scan('MECARD:N:山田,太郎;ORG:株式会社サンプル;EMAIL:yamada@example.jp;;');
  const tanaka = await scan('MECARD:N:田中,花子;ORG:テスト工業株式会社;EMAIL:tanaka@example;;');
  const suzuki = await scan('MECARD:N:鈴木,一郎;ORG:サンプル商事;EMAIL:suzuki@example.co.jp;;');
  // Nobody has looked at this one: under the default policy (MQL and later) it stays home.
  const unreviewed = await scan('MECARD:N:高橋,次郎;ORG:未確認株式会社;EMAIL:takahashi@example.co.jp;;');
  // The marketer reviewed the other three and handed them to sales as MQL.
  for (const lead of [yamada, tanaka, suzuki]) await api(host, 'leads.setStatus', { id: lead.id, to: 'mql' });

  // Settings → HubSpot: URL and token through the UI (the browser host keeps the token in memory).
  await page.goto(host.openUrl);
  await page.getByRole('link', { name: '設定' }).click();
  const form = page.getByRole('form', { name: 'HubSpot' });
  await expect(page.getByText('ここで入力した認証情報はこの実行中だけメモリに保持され')).toBeVisible();
  await form.getByRole('checkbox', { name: 'この連携先を使う' }).check();
  await form.getByLabel('URL', { exact: true }).fill(crm.url);
  await form.getByLabel('アクセストークン').fill(crm.token);
  // Auto-upload off, so the upload below is the button's.
  await form.getByLabel('自動アップロードの間隔（分。0でオフ）').fill('0');
  await expect(form.getByRole('radio', { name: 'MQL 以降（MQL・SAL）と「送信可」のリード（推奨）' })).toBeChecked();
  await form.getByRole('button', { name: '保存' }).click();
  // Before the first run: how many would go now, for the marketer to confirm.
  const preview = form.getByRole('alertdialog', { name: '最初の送信の前に' });
  await expect(preview.getByTestId('send-preview-count')).toHaveText('今オンにすると 3 件のリードがこの連携先に送信されます。');
  await expect(preview).toContainText('MQL 3');
  await preview.getByRole('button', { name: 'オンにして送信する' }).click();
  await expect(form.getByRole('status')).toHaveText('保存しました');
  await expect(form.getByTestId('connector-readiness')).toHaveText('送信できます');
  // Write-only: the token is never shown back, only that it is saved.
  await expect(form.getByTestId('secret-token')).toHaveText('保存済み');
  await expect(form.getByLabel('アクセストークン')).toHaveValue('');

  await page.getByRole('link', { name: 'アップロード' }).click();
  const hubspot = page.getByRole('region', { name: 'HubSpot' });
  await expect(hubspot.getByTestId('connector-state')).toContainText('未確認');
  await expect(hubspot.getByTestId('count-pending')).toHaveText('3');
  await expect(hubspot.getByTestId('auto-upload')).toHaveText('自動アップロード：オフ');
  await expect(hubspot.getByTestId('send-policy')).toHaveText('送信対象: MQL 以降（MQL・SAL）と「送信可」のリード（推奨）');

  // HubSpot takes its time: the run's progress shows meanwhile.
  crm.latencyBefore = () => 800;
  await hubspot.getByRole('button', { name: '今すぐアップロード' }).click();
  await expect(hubspot.getByRole('status').filter({ hasText: 'アップロード中…' })).toBeVisible();
  await expect(hubspot.getByRole('progressbar', { name: 'アップロードの進み具合' })).toBeVisible();
  await expect(hubspot.getByTestId('run-outcome')).toHaveText('送信 3・完了 2・再送待ち 0・要対応 1');
  await expect(hubspot.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3');
  await expect(hubspot.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '3');
  crm.latencyBefore = () => 0;

  const history = hubspot.getByTestId('history-row');
  await expect(history).toHaveCount(1);
  await expect(history.first().getByRole('cell')).toHaveText([/\d{4}-\d\d-\d\d \d\d:\d\d/u, '3', '2', '0', '1', '']);
  await expect(hubspot.getByTestId('connector-state')).toContainText('オンライン');
  await expect(hubspot.getByTestId('count-done')).toHaveText('2');
  await expect(hubspot.getByTestId('count-attention')).toHaveText('1');
  await expect(page.getByTestId('delivery-indicator')).toContainText('CRM配信：オンライン');
  await expect(page.getByTestId('delivery-indicator')).toContainText('要対応 1件');

  // The refused lead, with HubSpot's own words.
  const attention = page.getByTestId('attention-row');
  await expect(attention).toHaveCount(1);
  await expect(attention).toContainText('田中 花子');
  await expect(attention).toContainText('Email address tanaka@example is invalid');

  // Fixing it in LeadBooth and sending it again.
  await attention.getByRole('button', { name: '修正: 田中 花子' }).click();
  const dialog = page.getByRole('dialog', { name: 'リードを修正：田中 花子' });
  await expect(dialog).toContainText('HubSpot からのメッセージ');
  await expect(dialog.getByLabel('メールアドレス')).toHaveValue('tanaka@example');
  await dialog.getByLabel('メールアドレス').fill('tanaka@example.jp');
  await dialog.getByRole('button', { name: '保存して再送' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('attention-empty')).toHaveText('要対応のリードはありません。');
  await expect(hubspot.getByTestId('count-done')).toHaveText('3');
  await expect(hubspot.getByTestId('count-attention')).toHaveText('0');
  await expect(history).toHaveCount(2);
  await expect(history.first().getByRole('cell')).toHaveText([/\d{4}-\d\d-\d\d \d\d:\d\d/u, '1', '1', '0', '0', '']);
  await expect(page.getByTestId('delivery-indicator')).not.toContainText('要対応');

  // On HubSpot's side: each lead exactly once, keyed by its person's LeadBooth id (one contact per human), with the right fields.
  expect(crm.contacts.duplicates()).toEqual([]);
  expect(crm.contacts.rows).toHaveLength(3);
  expect(unreviewed.personId).not.toBeNull();
  expect(crm.contacts.find(unreviewed.personId!)).toBeUndefined();
  const expected = [
    [yamada, { lastname: '山田', firstname: '太郎', company: '株式会社サンプル', email: 'yamada@example.jp' }],
    [tanaka, { lastname: '田中', firstname: '花子', company: 'テスト工業株式会社', email: 'tanaka@example.jp' }],
    [suzuki, { lastname: '鈴木', firstname: '一郎', company: 'サンプル商事', email: 'suzuki@example.co.jp' }],
  ] as const;
  for (const [lead, fields] of expected) {
    expect(crm.contacts.all(lead.personId!)).toHaveLength(1);
    expect(crm.contacts.find(lead.personId!)!.fields).toMatchObject({ ...fields, leadbooth_id: lead.personId, leadbooth_event: 'Japan IT Week', leadbooth_status: 'mql' });
    // The real scan time travels, not the upload time.
    expect(crm.contacts.find(lead.personId!)!.fields.leadbooth_captured_at).toBe(lead.capturedAt);
  }
});
