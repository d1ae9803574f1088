import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { useRef, useState } from 'react';
import { CARD_IMAGE_MIMES } from '../../../shared/card/api';
import { bytesToBase64 } from '../../../shared/base64';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';
import { CardCamera } from './CardCamera';
import { draftOf, type CardDraft } from './draft';
import './card.css';

const QR_SCRATCH_ID = 'card-qr-scratch';

/**
 * A QR code printed on the card (a vCard, say), decoded by the same library as the camera
 * scanner; the core lets its fields win over the OCR'd text. None found is the usual case.
 */
async function qrOf(blob: Blob): Promise<string | undefined> {
  const scanner = new Html5Qrcode(QR_SCRATCH_ID, { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] });
  try {
    return await scanner.scanFile(new File([blob], 'card', { type: blob.type }), false);
  } catch {
    return undefined;
  } finally {
    scanner.clear();
  }
}

/**
 * Reads a business card into the manual-entry form: from an image file or a photo taken with
 * the camera. The OCR runs in the core's worker; this only shows that it is reading.
 */
export function CardReader(props: { cameraId: string | null; onRead(draft: CardDraft): void }) {
  const { t, error } = useI18n();
  const [reading, setReading] = useState(false);
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function read(blob: Blob) {
    setReading(true);
    setProblem(null);
    try {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const base64 = bytesToBase64(bytes);
      const mime = blob.type;
      const qr = await qrOf(blob);
      const result = await call('card.read', { image: base64, mime, ...(qr ? { qr } : {}) });
      const labels = {
        review: t('meishi.note.review'),
        mobile: t('meishi.note.mobile'),
        fax: t('meishi.note.fax'),
        address: t('meishi.note.address'),
        nameLatin: t('meishi.note.name_latin'),
      };
      props.onRead(draftOf(result, labels, { base64, mime, url: URL.createObjectURL(blob) }));
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setReading(false);
    }
  }

  return (
    <section className="panel card-reader" aria-label={t('meishi.title')} aria-busy={reading}>
      <h2 className="panel__title">{t('meishi.title')}</h2>
      <div className="actions">
        <button type="button" className="button" disabled={reading} onClick={() => setCamera(true)}>
          {t('meishi.read_camera')}
        </button>
        <button type="button" className="button" disabled={reading} onClick={() => fileInput.current?.click()}>
          {t('meishi.read_file')}
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
    </section>
  );
}
