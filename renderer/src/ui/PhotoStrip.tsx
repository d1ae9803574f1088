import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { bytesToBase64, base64ToBytes } from '../../../shared/base64';
import { PHOTO_MAX_BYTES, PHOTO_MIMES, photoProblem, sniffPhotoMime } from '../../../shared/qualify/photo';
import type { Photo } from '../../../shared/qualify/photo-api';
import { call, errorCode, errorDetails } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from './Dialog';
import { ProblemNotice } from './ProblemNotice';
import './PhotoStrip.css';

export interface PhotoStripProps {
  /** The lead whose photos are shown. */
  leadId: string;
  /** Who adds or removes a photo (the touch's staff); the device's staff name when absent. */
  staff?: string;
  /** Only shows the photos: no adding or removing (a deleted lead, say). */
  readOnly?: boolean;
  /** After each add or remove, with the lead's photos as they are now. */
  onChange?(photos: Photo[]): void;
}

/** Chromium cannot draw HEIC: such a photo is shown as a labelled tile, its bytes not fetched. */
const DRAWABLE = new Set<string>(['image/jpeg', 'image/png', 'image/webp']);
/** A camera shot: JPEG at this quality keeps a card's small print legible in well under 1 MB. */
const SHOT_QUALITY = 0.9;

type Camera = 'off' | 'starting' | 'on';

/**
 * A lead's photos (a business card, front and back) as thumbnails: add from a file or from the
 * camera, view one larger, remove one. Reusable: the leads editor and the capture card embed it.
 */
export function PhotoStrip({ leadId, staff, readOnly = false, onChange }: PhotoStripProps) {
  const { t, error } = useI18n();
  const titleId = useId();
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [camera, setCamera] = useState<Camera>('off');
  const [viewing, setViewing] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  // Object URLs are made once per photo and given back when the strip goes or the lead changes.
  const made = useRef(new Map<string, string>());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const show = useCallback((err: unknown) => setProblem(error(errorCode(err), errorDetails(err))), [error]);

  /** The lead's photos, and an image URL for each drawable one not loaded yet. */
  const load = useCallback(
    async (isCurrent: () => boolean): Promise<Photo[]> => {
      const list = await call('photos.list', { leadId });
      if (!isCurrent()) return list;
      setPhotos(list);
      for (const photo of list) {
        if (made.current.has(photo.id) || !DRAWABLE.has(photo.mime)) continue;
        const { mime, base64 } = await call('photos.get', { id: photo.id });
        if (!isCurrent()) return list;
        const bytes = base64ToBytes(base64);
        made.current.set(photo.id, URL.createObjectURL(new Blob([bytes.buffer as ArrayBuffer], { type: mime })));
        setUrls(new Map(made.current));
      }
      return list;
    },
    [leadId],
  );

  useEffect(() => {
    let current = true;
    setPhotos(null);
    setProblem(null);
    load(() => current).catch((err: unknown) => current && show(err));
    const urlsOfLead = made.current;
    return () => {
      current = false;
      for (const url of urlsOfLead.values()) URL.revokeObjectURL(url);
      urlsOfLead.clear();
      setUrls(new Map());
    };
  }, [load, show]);

  const stopCamera = useCallback(() => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    setCamera('off');
  }, []);
  // The camera light goes out when the strip goes (the card saved, the next scan came).
  useEffect(() => stopCamera, [stopCamera, leadId]);

  async function add(bytes: Uint8Array, claimed: string) {
    setProblem(null);
    // The file's own type, or what its first bytes say (Windows gives HEIC files no type).
    const mime = claimed || sniffPhotoMime(bytes) || '';
    const refused = photoProblem(bytes, mime);
    if (refused) {
      setProblem(error(refused));
      return;
    }
    setBusy(true);
    try {
      await call('photos.add', { leadId, file: bytesToBase64(bytes), mime, staff });
      // Loaded first: `onChange?.(await load())` would skip the load when no one listens.
      const list = await load(() => true);
      onChangeRef.current?.(list);
    } catch (err) {
      show(err);
    } finally {
      setBusy(false);
    }
  }

  async function addFiles(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) {
      if (file.size > PHOTO_MAX_BYTES) {
        setProblem(error('photo.too_large'));
        return;
      }
      await add(new Uint8Array(await file.arrayBuffer()), file.type);
    }
  }

  async function startCamera() {
    setProblem(null);
    setCamera('starting');
    try {
      // The back camera of a tablet faces the card; a laptop has one camera and ignores this.
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
        audio: false,
      });
      setCamera('on');
    } catch {
      stopCamera();
      setProblem(error('camera.unavailable'));
    }
  }

  // The <video> exists once the state says 'on': attach the stream then.
  useEffect(() => {
    const element = video.current;
    if (camera !== 'on' || !element || !stream.current) return;
    element.srcObject = stream.current;
    void element.play().catch(() => undefined);
  }, [camera]);

  async function shoot() {
    const element = video.current;
    if (!element || element.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext('2d')?.drawImage(element, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', SHOT_QUALITY));
    if (!blob) {
      setProblem(error('camera.unavailable'));
      return;
    }
    await add(new Uint8Array(await blob.arrayBuffer()), 'image/jpeg');
  }

  async function remove(photo: Photo) {
    setProblem(null);
    setBusy(true);
    try {
      const left = await call('photos.remove', { id: photo.id, staff });
      setPhotos(left);
      onChangeRef.current?.(left);
    } catch (err) {
      show(err);
    } finally {
      setBusy(false);
    }
  }

  const viewed = viewing === null ? undefined : photos?.[viewing];
  const viewedUrl = viewed && urls.get(viewed.id);

  return (
    <section className="photo-strip" aria-labelledby={titleId} aria-busy={photos === null || busy}>
      <h3 id={titleId} className="photo-strip__title">
        {t('photo.title')}
      </h3>
      {photos === null ? (
        <p className="muted">{t('photo.loading')}</p>
      ) : photos.length === 0 ? (
        <p className="muted">{t('photo.none')}</p>
      ) : (
        <ul className="photo-strip__list">
          {photos.map((photo, i) => {
            const url = urls.get(photo.id);
            const label = t('photo.alt', { number: i + 1 });
            return (
              <li key={photo.id} className="photo-strip__item" data-testid="photo-thumb" data-photo-id={photo.id}>
                {DRAWABLE.has(photo.mime) ? (
                  <button type="button" className="photo-strip__thumb" onClick={() => setViewing(i)} disabled={!url}>
                    {url ? <img src={url} alt={label} /> : <span className="muted">{label}</span>}
                  </button>
                ) : (
                  <span className="photo-strip__thumb photo-strip__thumb--opaque" role="img" aria-label={`${label}: ${t('photo.heic')}`}>
                    HEIC
                  </span>
                )}
                {!readOnly && (
                  <button
                    type="button"
                    className="photo-strip__remove"
                    aria-label={t('photo.remove', { number: i + 1 })}
                    title={t('photo.remove', { number: i + 1 })}
                    disabled={busy}
                    onClick={() => void remove(photo)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {!readOnly && (
        <div className="photo-strip__actions">
          <input
            ref={fileInput}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            accept={[...PHOTO_MIMES, '.heic'].join(',')}
            multiple
            data-testid="photo-file"
            onChange={(e) => void addFiles(e.currentTarget)}
          />
          <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('photo.add_file')}
          </button>
          {camera === 'off' ? (
            <button type="button" className="button" disabled={busy} onClick={() => void startCamera()}>
              {t('photo.take')}
            </button>
          ) : (
            <>
              <button type="button" className="button button--primary" disabled={busy || camera !== 'on'} onClick={() => void shoot()}>
                {t('photo.shoot')}
              </button>
              <button type="button" className="button button--quiet" onClick={stopCamera}>
                {t('photo.camera_done')}
              </button>
            </>
          )}
        </div>
      )}
      {camera === 'on' && <video ref={video} className="photo-strip__camera" aria-label={t('photo.camera_preview')} muted playsInline />}
      {busy && (
        <p className="muted" role="status">
          {t('photo.adding')}
        </p>
      )}
      <ProblemNotice problem={problem} />

      <Dialog open={viewedUrl !== undefined} title={viewing === null ? '' : t('photo.alt', { number: viewing + 1 })} wide onClose={() => setViewing(null)}>
        {viewedUrl && <img className="photo-strip__large" src={viewedUrl} alt={t('photo.alt', { number: (viewing ?? 0) + 1 })} />}
      </Dialog>
    </section>
  );
}
