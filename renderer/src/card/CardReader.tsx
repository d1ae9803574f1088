import { useRef, useState } from 'react';
import { CARD_IMAGE_MIMES } from '../../../shared/card/api';
import { errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';
import { cardFiles } from './batch';
import { CardBatch, type BatchProps } from './CardBatch';
import { CardCamera } from './CardCamera';
import { draftOf, type CardDraft } from './draft';
import { noteLabelsOf, QR_SCRATCH_ID, readCardImage } from './read';
import './card.css';

/**
 * Reads a business card into the manual-entry form: from an image file or a photo taken with
 * the camera; or a stack of them (many files, or a folder) into a review, card by card. The
 * OCR runs in the core's worker; this only shows that it is reading.
 */
export function CardReader(props: { cameraId: string | null; onRead(draft: CardDraft): void; onAcceptBatch: BatchProps['onAccept'] }) {
  const { t, error, lang } = useI18n();
  const [reading, setReading] = useState(false);
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [batch, setBatch] = useState<File[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  async function read(blob: Blob) {
    setReading(true);
    setProblem(null);
    try {
      const { reading: result, base64, mime } = await readCardImage(blob);
      props.onRead(draftOf(result, noteLabelsOf(lang), { base64, mime, url: URL.createObjectURL(blob) }));
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setReading(false);
    }
  }

  function startBatch(list: FileList | null) {
    const files = cardFiles([...(list ?? [])]);
    setProblem(files.length ? null : t('meishi.batch_none'));
    if (files.length) setBatch(files);
  }

  const busy = reading || batch !== null;
  return (
    <section className="panel card-reader" aria-label={t('meishi.title')} aria-busy={reading}>
      <h2 className="panel__title">{t('meishi.title')}</h2>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => setCamera(true)}>
          {t('meishi.read_camera')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          {t('meishi.read_file')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => filesInput.current?.click()}>
          {t('meishi.batch_files')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => folderInput.current?.click()}>
          {t('meishi.batch_folder')}
        </button>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept={CARD_IMAGE_MIMES.join(',')}
        hidden
        aria-label={t('meishi.read_file')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      <input
        ref={filesInput}
        type="file"
        multiple
        accept={CARD_IMAGE_MIMES.join(',')}
        hidden
        aria-label={t('meishi.batch_files')}
        onChange={(e) => {
          startBatch(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        // A folder pick: React has no typed prop for it; Chromium and Electron support it.
        {...{ webkitdirectory: '' }}
        hidden
        aria-label={t('meishi.batch_folder')}
        onChange={(e) => {
          startBatch(e.target.files);
          e.target.value = '';
        }}
      />
      <div id={QR_SCRATCH_ID} hidden />
      {reading && <p role="status">{t('meishi.reading')}</p>}
      <ProblemNotice problem={problem} />
      {camera && (
        <CardCamera
          cameraId={props.cameraId}
          onClose={() => setCamera(false)}
          onPhoto={(blob) => {
            setCamera(false);
            void read(blob);
          }}
        />
      )}
      {batch && <CardBatch files={batch} onAccept={props.onAcceptBatch} onClose={() => setBatch(null)} />}
    </section>
  );
}
