import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { bytesToBase64 } from '../../../shared/base64';
import type { PersonFields } from '../../../shared/model';
import { errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { PersonInputs } from '../ui/PersonInputs';
import { ProblemNotice } from '../ui/ProblemNotice';
import { batchCounts, nextOpen, reviewable, type BatchItem } from './batch';
import type { CardReview } from './draft';
import { reviewOf } from './draft';
import { noteLabelsOf, readCardImage } from './read';

const FIELDS = [
  'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company', 'department', 'title', 'email', 'phone',
] as const satisfies readonly (keyof PersonFields)[];

export interface BatchProps {
  files: File[];
  /** Stores the accepted card as a lead with its photo (the one capture path, with its rescan rules). */
  onAccept(review: CardReview, photo: { base64: string; mime: string }): Promise<{ merged: boolean }>;
  onClose(): void;
}

/**
 * A stack of business cards: every file is read in turn (a progress bar; stoppable; a file
 * that cannot be read is reported and the rest go on), then each card is reviewed with the
 * keyboard beside its photo. Only an accepted card becomes a lead.
 */
export function CardBatch(props: BatchProps) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<BatchItem[]>([]);
  const [reading, setReading] = useState(true);
  const [stopping, setStopping] = useState(false);
  const stop = useRef(false);
  const started = useRef(false);

  // Started once (a ref survives React's development double-mount); a real unmount stops it.
  useEffect(() => {
    stop.current = false;
    if (!started.current) {
      started.current = true;
      void (async () => {
        const labels = noteLabelsOf(lang);
        for (const file of props.files) {
          if (stop.current) break;
          const name = file.webkitRelativePath || file.name;
          let item: BatchItem;
          try {
            const { reading } = await readCardImage(file);
            item = { name, file, state: 'open', review: reviewOf(reading, labels) };
          } catch (err) {
            item = { name, file, state: 'failed', code: errorCode(err) };
          }
          setItems((list) => [...list, item]);
        }
        setReading(false);
      })();
    }
    return () => {
      stop.current = true;
    };
  }, [props.files, lang]);

  const total = props.files.length;
  return (
    <Dialog open wide title={t('meishi.batch_title')} onClose={props.onClose}>
      {reading ? (
        <div className="progress-block">
          <div
            className="progress"
            role="progressbar"
            aria-label={t('meishi.batch_reading')}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={items.length}
          >
            <div className="progress__bar" style={{ width: `${total ? (items.length / total) * 100 : 0}%` }} />
          </div>
          <p role="status">{t('meishi.batch_progress', { done: items.length, total })}</p>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={stopping}
              onClick={() => {
                stop.current = true;
                setStopping(true);
              }}
            >
              {stopping ? t('meishi.batch_stopping') : t('meishi.batch_stop')}
            </button>
          </div>
        </div>
      ) : (
        <BatchReview items={items} setItems={setItems} onAccept={props.onAccept} onClose={props.onClose} />
      )}
    </Dialog>
  );
}

function BatchReview(props: {
  items: BatchItem[];
  setItems(update: (items: BatchItem[]) => BatchItem[]): void;
  onAccept: BatchProps['onAccept'];
  onClose(): void;
}) {
  const { t, error } = useI18n();
  const { items, setItems } = props;
  const order = reviewable(items);
  const [at, setAt] = useState(() => Math.max(0, nextOpen(items, order, order.length - 1)));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const counts = batchCounts(items);
  const failed = items.filter((item) => item.state === 'failed');
  const index = order[at];
  const item = index === undefined ? undefined : items[index];
  const current = item && item.state !== 'failed' ? item : undefined;
  const finished = counts.open === 0;

  const [photoUrl, setPhotoUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!current) return;
    const url = URL.createObjectURL(current.file);
    setPhotoUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [current?.file]);

  // Keys go to the card, not the page behind, from the moment the review opens.
  useEffect(() => panel.current?.focus(), []);

  const update = (change: (item: BatchItem) => BatchItem) =>
    setItems((list) => list.map((it, i) => (i === index ? change(it) : it)));
  const move = (step: number) => {
    if (!order.length) return;
    setProblem(null);
    setAt((a) => (a + step + order.length) % order.length);
    panel.current?.focus();
  };
  async function accept() {
    if (!current || current.state === 'accepted' || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const bytes = new Uint8Array(await current.file.arrayBuffer());
      const fields = Object.fromEntries(
        Object.entries(current.review.fields).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
      ) as PersonFields;
      const { merged } = await props.onAccept({ ...current.review, fields }, { base64: bytesToBase64(bytes), mime: current.file.type });
      // The list is read again here: the next open card is found with this one decided.
      const after = items.map((it, i) => (i === index && it.state !== 'failed' ? { ...it, state: 'accepted' as const, merged } : it));
      setItems(() => after);
      const next = nextOpen(after, order, at);
      if (next >= 0) setAt(next);
      panel.current?.focus();
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setBusy(false);
    }
  }
  const skip = () => {
    if (!current || current.state !== 'open') return;
    const after = items.map((it, i) => (i === index && it.state === 'open' ? { ...it, state: 'skipped' as const } : it));
    setItems(() => after);
    const next = nextOpen(after, order, at);
    if (next >= 0) setAt(next);
    panel.current?.focus();
  };
  const fix = () => panel.current?.querySelector<HTMLInputElement>('form input')?.focus();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea')) {
      // Escape leaves the field for the card's keys, instead of closing the whole stack.
      if (event.key === 'Escape') {
        event.preventDefault();
        panel.current?.focus();
      }
      return;
    }
    if (target.closest('button, a') && (event.key === 'Enter' || event.key === ' ')) return;
    const action: Record<string, () => void> = {
      Enter: () => void accept(),
      e: fix, E: fix, F2: fix,
      ArrowRight: () => move(1), n: () => move(1), N: () => move(1),
      ArrowLeft: () => move(-1), p: () => move(-1), P: () => move(-1),
      Delete: skip, Backspace: skip, x: skip, X: skip,
    };
    const run = action[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  }

  const summary = t('meishi.batch_summary', { accepted: counts.accepted, skipped: counts.skipped, open: counts.open, failed: counts.failed });
  const review = current?.review;
  const extra = review ? (Object.keys(review.fields) as (keyof PersonFields)[]).filter((f) => !(FIELDS as readonly string[]).includes(f)) : [];
  const marks = review ? Object.fromEntries(review.check.map((f) => [f, t('meishi.low_confidence')])) : {};
  const stateText = current?.state === 'accepted'
    ? t(current.merged ? 'meishi.batch_state_merged' : 'meishi.batch_state_accepted')
    : current?.state === 'skipped' ? t('meishi.batch_state_skipped') : t('meishi.batch_state_open');

  return (
    <div className="card-batch" ref={panel} tabIndex={-1} onKeyDown={onKeyDown} aria-label={t('meishi.batch_review')}>
      <p role="status" className="card-batch__summary">{summary}</p>
      {failed.length > 0 && (
        <section aria-label={t('meishi.batch_failed')}>
          <h3>{t('meishi.batch_failed')}</h3>
          <ul className="card-batch__failed">
            {failed.map((f) => (
              <li key={f.name}>
                <strong>{f.name}</strong>: {f.state === 'failed' ? error(f.code) : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {current && review ? (
        <>
          <p className="card-batch__position">
            {t('meishi.batch_position', { n: at + 1, total: order.length })}
            {' · '}
            <span className={`card-batch__state card-batch__state--${current.state}`}>{stateText}</span>
            {' · '}
            {current.name}
          </p>
          <div className="card-entry">
            <figure className="card-entry__photo">
              {photoUrl && <img src={photoUrl} alt={t('meishi.photo_alt')} />}
              <figcaption>{review.check.length > 0 && <p>{t('meishi.low_hint')}</p>}</figcaption>
            </figure>
            <form
              className="form-grid"
              noValidate
              aria-label={t('meishi.batch_fields')}
              onSubmit={(e) => {
                e.preventDefault();
                void accept();
              }}
            >
              <PersonInputs
                key={index}
                fields={[...FIELDS, ...extra]}
                values={review.fields}
                marks={marks}
                onChange={(name, value) =>
                  update((it) => (it.state === 'failed' ? it : { ...it, review: { ...it.review, fields: { ...it.review.fields, [name]: value } } }))
                }
              />
              <label className="field form-grid__wide">
                <span className="field__label">{t('capture.manual_notes')}</span>
                <textarea
                  name="notes"
                  rows={3}
                  maxLength={10_000}
                  value={review.notes}
                  onChange={(e) => update((it) => (it.state === 'failed' ? it : { ...it, review: { ...it.review, notes: e.target.value } }))}
                />
              </label>
              <ProblemNotice problem={problem} className="form-grid__wide" />
              <div className="form-grid__wide actions">
                <button type="submit" className="button button--primary" disabled={busy || current.state === 'accepted'}>
                  {t('meishi.batch_accept')}
                </button>
                <button type="button" className="button" onClick={fix}>
                  {t('meishi.batch_fix')}
                </button>
                <button type="button" className="button" onClick={() => move(-1)}>
                  {t('meishi.batch_prev')}
                </button>
                <button type="button" className="button" onClick={() => move(1)}>
                  {t('meishi.batch_next')}
                </button>
                <button type="button" className="button" disabled={current.state !== 'open'} onClick={skip}>
                  {t('meishi.batch_skip')}
                </button>
              </div>
            </form>
          </div>
          <p className="hint">{t('meishi.batch_keys')}</p>
        </>
      ) : (
        <p>{t('meishi.batch_none')}</p>
      )}
      {finished && (
        <div className="actions">
          <button type="button" className="button button--primary" onClick={props.onClose}>
            {t('meishi.batch_done')}
          </button>
        </div>
      )}
    </div>
  );
}
