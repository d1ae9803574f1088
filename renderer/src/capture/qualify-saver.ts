import type { Lead } from '../../../shared/model';
import { qualifyChanges, qualifyValuesOf, type QualifyChanges, type QualifyValues } from '../../../shared/qualify/changes';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

interface Entry {
  /** What the database holds, as far as this card knows. */
  stored: QualifyValues;
  draft: QualifyValues;
  state: SaveState;
  /** The failed save's error code, for the card to translate. */
  error: string | null;
  inFlight: boolean;
  /** updatedAt of the lead as last saved or seen: an older copy (a racing rescan) is not taken. */
  seenAt: string;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface SaverOptions {
  save(id: string, changes: QualifyChanges): Promise<Lead>;
  onSaved(lead: Lead): void;
  /** A pause in changes this long saves them. */
  idleMs: number;
  /** A failed save is tried again after this long, keeping the values. */
  retryMs: number;
  errorCode(err: unknown): string;
}

/**
 * Holds what the card changed on each lead until it is stored: one leads.update per save with
 * only what changed, after a short idle, when the next scan comes, or when the screen is left.
 * A lead whose save failed keeps its values and is retried even after the card moved on, so a
 * scan in the middle of answering loses nothing.
 */
export function createQualifySaver(options: SaverOptions) {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let version = 0;

  const changed = () => {
    version += 1;
    for (const listener of listeners) listener();
  };

  const schedule = (id: string, entry: Entry, ms: number) => {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void save(id), ms);
  };

  async function save(id: string): Promise<void> {
    const entry = entries.get(id);
    if (!entry || entry.inFlight) return;
    clearTimeout(entry.timer);
    const changes = qualifyChanges(entry.stored, entry.draft);
    if (!changes) {
      // Changed back to what is stored: nothing left to retry.
      if (entry.state === 'failed') {
        entry.state = 'saved';
        entry.error = null;
        changed();
      }
      return;
    }
    const sent = entry.draft;
    entry.inFlight = true;
    entry.state = 'saving';
    changed();
    try {
      const lead = await options.save(id, changes);
      entry.stored = sent;
      entry.seenAt = lead.updatedAt;
      entry.error = null;
      entry.state = 'saved';
      options.onSaved(lead);
    } catch (err) {
      entry.state = 'failed';
      entry.error = options.errorCode(err);
      schedule(id, entry, options.retryMs);
    } finally {
      entry.inFlight = false;
      changed();
    }
    // Changed while the save was on its way: that goes in a save of its own.
    if (entry.state === 'saved' && qualifyChanges(entry.stored, entry.draft)) await save(id);
  }

  return {
    /** A lead shown on the card: starts from its stored values, unless the card still holds changes to it. */
    track(lead: Lead): void {
      const entry = entries.get(lead.id);
      if (entry && (entry.inFlight || qualifyChanges(entry.stored, entry.draft) || lead.updatedAt < entry.seenAt)) return;
      // Leads the card moved on from and that are stored are let go; failed ones stay to retry.
      for (const [id, other] of entries) {
        if (id !== lead.id && !other.inFlight && other.state !== 'failed' && !qualifyChanges(other.stored, other.draft)) entries.delete(id);
      }
      const values = qualifyValuesOf(lead);
      entries.set(lead.id, { stored: values, draft: values, state: 'idle', error: null, inFlight: false, seenAt: lead.updatedAt, timer: undefined });
      changed();
    },
    get(id: string): Readonly<Entry> | undefined {
      return entries.get(id);
    },
    set(id: string, draft: QualifyValues): void {
      const entry = entries.get(id);
      if (!entry) return;
      entry.draft = draft;
      if (entry.state === 'saved') entry.state = 'idle';
      schedule(id, entry, entry.state === 'failed' ? options.retryMs : options.idleMs);
      changed();
    },
    /** Saves every lead with changes now. */
    async flush(): Promise<void> {
      await Promise.all([...entries.keys()].map((id) => save(id)));
    },
    /** A lead the card no longer shows and that needs nothing saved can be let go. */
    forget(id: string): void {
      const entry = entries.get(id);
      if (entry) clearTimeout(entry.timer);
      entries.delete(id);
      changed();
    },
    /** Another lead than `current` whose save failed, for the card to say so. */
    failedOther(current: string | null): Readonly<Entry> | undefined {
      return [...entries.entries()].find(([id, e]) => id !== current && e.state === 'failed')?.[1];
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get version(): number {
      return version;
    },
    dispose(): void {
      for (const entry of entries.values()) clearTimeout(entry.timer);
    },
  };
}
export type QualifySaver = ReturnType<typeof createQualifySaver>;
