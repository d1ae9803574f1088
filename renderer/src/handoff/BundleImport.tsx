import { useId, useState } from 'react';
import { BUNDLE_MAX_BYTES, type BundleImportResult } from '../../../shared/handoff/api';
import { bytesToBase64 } from '../../../shared/base64';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';

/** The contract's bound: bundles carry card photos. */
const MAX_FILE_BYTES = BUNDLE_MAX_BYTES;

/** Another booth laptop's device bundle in: merged, reported, never doubled. */
export function BundleImport({ onImported }: { onImported(): void }) {
  const { t, error, count } = useI18n();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BundleImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function read(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setProblem(null);
    setResult(null);
    if (file.size > MAX_FILE_BYTES) {
      setProblem(error('file.too_large'));
      return;
    }
    setBusy(true);
    try {
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      setResult(await call('bundle.import', { file: base64 }));
      onImported();
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setBusy(false);
      // The same file may be chosen again (importing twice is safe and says so).
      input.value = '';
    }
  }

  return (
    <div className="bundle">
      <div className="field">
        <label htmlFor={inputId} className="field__label">
          {t('bundle.file')}
        </label>
        <input id={inputId} type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void read(e.currentTarget)} />
      </div>
      {busy && <p role="status">{t('bundle.importing')}</p>}
      <ProblemNotice problem={problem} />
      {result && (
        <div className="roster-result" role="status" data-testid="bundle-result">
          <p>{t(result.event === 'created' ? 'bundle.event_created' : 'bundle.event_matched')}</p>
          <ul className="counts">
            <li className="counts__item counts__item--added">{t('bundle.leads_added', { count: count(result.leadsAdded) })}</li>
            <li className="counts__item">{t('bundle.leads_updated', { count: count(result.leadsUpdated) })}</li>
            <li className="counts__item">{t('bundle.leads_unchanged', { count: count(result.leadsUnchanged) })}</li>
            <li className="counts__item">{t('bundle.leads_merged', { count: count(result.leadsMerged) })}</li>
          </ul>
          <p className="muted">
            {t('bundle.touches_added', { count: count(result.touchesAdded) })} · {t('bundle.touches_skipped', { count: count(result.touchesSkipped) })}
          </p>
        </div>
      )}
    </div>
  );
}
