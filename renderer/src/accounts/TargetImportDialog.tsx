import { useId, useState } from 'react';
import type { TargetsImportResult } from '../../../shared/accounts/api';
import { bytesToBase64 } from '../../../shared/base64';
import { call, errorCode, errorDetails } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/ProblemNotice';

/** The contract takes base64 up to 16 MiB: a list of 12 MiB fits, far more than any ABM list. */
const MAX_FILE_BYTES = 12 * 1024 * 1024;

/**
 * The target-account list from a CSV (UTF-8 or Shift_JIS): company name, domain and tier
 * columns are found by their headers. The list replaces the one before; the leads it marks
 * or unmarks are re-scored at once.
 */
export function TargetImportDialog({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={open} title={t('targets.title')} onClose={onClose}>
      <TargetImport onClose={onClose} onImported={onImported} />
    </Dialog>
  );
}

function TargetImport({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t, count, error } = useI18n();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<TargetsImportResult | null>(null);

  async function upload(file: File) {
    setProblem(null);
    setResult(null);
    if (file.size > MAX_FILE_BYTES) {
      setProblem(error('file.too_large'));
      return;
    }
    setBusy(true);
    try {
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      setResult(await call('targets.import', { file: base64 }));
      onImported();
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="target-import">
      <p>{t('targets.explain')}</p>
      <div className="field">
        <label htmlFor={inputId} className="field__label">{t('targets.file')}</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      </div>
      {busy && <p role="status">{t('targets.importing')}</p>}
      <ProblemNotice problem={problem} />
      {result && (
        <p className="notice notice--success" role="status" data-testid="targets-result">
          {t('targets.done', { imported: count(result.imported), rescored: count(result.rescored), rejected: count(result.rejectedCount) })}
        </p>
      )}
      <button type="button" className="button" onClick={onClose}>{t('common.close')}</button>
    </div>
  );
}
