import { v5 as uuidv5 } from 'uuid';
import type { Handlers } from '../../shared/api';
import { bytesToBase64 } from '../../shared/base64';
import { fileBytes } from './file-bytes';
import { AppError } from '../../shared/errors';
import type { BundleImportResult } from '../../shared/handoff/api';
import { Bundle, BUNDLE_FORMAT, BUNDLE_VERSION, parseBundle, type BundleLead } from '../../shared/handoff/bundle';
import { localStamp, safeFileStem } from '../../shared/handoff/local-time';
import {
  bundleLeadFromState, mergeStates, sameState, stateFromBundleLead, type LeadState,
} from '../../shared/handoff/merge';
import { withBothNotes } from '../../shared/dedupe/merge';
import { bundlePhotos } from './bundle-photos';
import { bundleStore, rowFromState, stateFromRow } from './store/bundle-store';
import { leadStore, type FullLeadRow } from './store/lead-store';
import type { LeadWriter } from './store/lead-writer';
import { iso } from '../../shared/time';
import type { CoreDeps } from './deps';
import type { EventStore } from './events';
import { systemTimeZone } from './export';
import type { SettingsStore } from './settings';

type BundleHandlers = Pick<Handlers, 'bundle.export' | 'bundle.import'>;

/**
 * The merge touch of two records of one person gets an id made from the pair, so every device
 * that folds the same two records together writes the same touch, and swapping bundles
 * afterwards finds it already there instead of piling up copies.
 */
const MERGE_TOUCH_NAMESPACE = '6f1d3c2a-8a4e-4b7f-9c1e-2d5b7a9e0f31';
const mergeTouchId = (survivor: string, loser: string) => uuidv5(`${survivor}/${loser}`, MERGE_TOUCH_NAMESPACE);

export function bundleHandlers(deps: CoreDeps, events: EventStore, settings: SettingsStore, writer: LeadWriter): BundleHandlers {
  const store = bundleStore(deps.sqlite);
  const leads = leadStore(deps.sqlite);
  const photos = bundlePhotos(deps);

  function exportBundle(eventId: string) {
    const event = events.get(eventId);
    const now = deps.clock();
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      device: settings.get().deviceId,
      exportedAt: iso(now),
      event,
      leads: store.liveLeads(eventId).map((row) => bundleLeadFromState(stateFromRow(row))),
      touches: store.liveTouches(eventId),
      photos: photos.exportPhotos(eventId),
    };
    // Checked here rather than at the other booth: a bundle this device cannot vouch for is
    // better refused now, with the reason, than discovered on import.
    const checked = Bundle.safeParse(bundle);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new AppError('bundle.export_invalid', `Cannot export: ${issue?.path.map(String).join('.')}: ${issue?.message}`);
    }
    const bytes = new TextEncoder().encode(JSON.stringify(bundle));
    const stamp = localStamp(now, systemTimeZone());
    return {
      fileName: `${safeFileStem(event.name)}-${stamp}-${bundle.device.slice(-6)}.leadbooth.json`,
      mime: 'application/json',
      base64: bytesToBase64(bytes),
      leads: bundle.leads.length,
      touches: bundle.touches.length,
    };
  }

  const importBundle = writer.transaction((bundle: Bundle, now: number): BundleImportResult => {
    const eventId = bundle.event.id;
    const counts: BundleImportResult = {
      event: store.eventExists(eventId) ? 'matched' : 'created',
      leadsAdded: 0, leadsUpdated: 0, leadsUnchanged: 0, leadsMerged: 0, touchesAdded: 0, touchesSkipped: 0,
    };
    if (counts.event === 'created') store.insertEvent(bundle.event);

    const merges = store.merges(eventId);

    /** Follows recorded merges from an id to the live lead it ended up in. */
    function liveLead(id: string): FullLeadRow | undefined {
      let current: string | undefined = id;
      for (let hop = 0; current !== undefined && hop < 64; hop++) {
        const row = leads.get(current);
        if (row && row.deletedAt === null) return row;
        current = merges.get(current);
      }
      return undefined;
    }

    /** The local record of this person: same id (or merged into one), then same badge, then same email. */
    function findLocal(lead: BundleLead): FullLeadRow | 'deleted' | undefined {
      const own = leads.get(lead.id);
      if (own && own.eventId !== eventId) {
        throw new AppError('bundle.invalid', `Lead ${lead.id} belongs to another event on this device`);
      }
      const live = liveLead(lead.id);
      if (live) return live;
      // Deleted here and not merged into anything: the deletion stands.
      if (own) return 'deleted';
      return (
        (lead.badgeId ? leads.findByBadge(eventId, lead.badgeId) : undefined) ??
        (lead.email ? leads.findByEmail(eventId, lead.email) : undefined)
      );
    }

    /**
     * The badge id is unique among an event's live leads. When the newer badge id of a merged
     * lead is already held by a third lead here, the local one is kept: a rare case (two people
     * sharing an email, one badge reprinted) where the import should not fail the booth.
     */
    function keepBadgeUnique(merged: LeadState, local: LeadState): LeadState {
      const badge = merged.values.badgeId;
      if (!badge || badge === local.values.badgeId) return merged;
      const holder = leads.findByBadge(eventId, badge);
      if (!holder || holder.id === local.first.id || holder.id === merged.first.id) return merged;
      const times = { ...merged.times };
      if (local.times.badgeId === undefined) delete times.badgeId;
      else times.badgeId = local.times.badgeId;
      return { ...merged, values: { ...merged.values, badgeId: local.values.badgeId }, times };
    }

    function recordMerge(survivor: LeadState, loser: LeadState) {
      // Recorded already (by an earlier import, or by 名寄せ here under its own touch id).
      if (merges.get(loser.first.id) === survivor.first.id) return;
      const added = writer.addTouch(survivor.first.id, eventId, {
        id: mergeTouchId(survivor.first.id, loser.first.id),
        kind: 'merge',
        staff: null,
        device: null,
        at: loser.first.capturedAt,
        detail: { mergedLeadId: loser.first.id, via: 'bundle' },
      });
      merges.set(loser.first.id, survivor.first.id);
      if (added) counts.leadsMerged++;
    }

    for (const lead of bundle.leads) {
      const incoming = stateFromBundleLead(lead);
      const local = findLocal(lead);
      if (local === 'deleted') {
        counts.leadsUnchanged++;
        continue;
      }
      if (!local) {
        writer.put(rowFromState(incoming));
        counts.leadsAdded++;
        continue;
      }
      const mine = stateFromRow(local);
      let merged = keepBadgeUnique(mergeStates(mine, incoming), mine);
      // The incoming lead was merged into the local one here (名寄せ: a person chose the
      // survivor): it stays the survivor, whichever saw the person first.
      if (lead.id !== local.id && leads.get(lead.id)?.mergedInto) merged = { ...merged, first: mine.first };
      // Two records of one person under two ids (名寄せ): a merge keeps the notes of both.
      if (lead.id !== local.id) merged = withBothNotes(merged, mine, incoming, now);
      if (merged.first.id === local.id) {
        if (sameState(merged, mine)) counts.leadsUnchanged++;
        else {
          writer.put(rowFromState(merged));
          counts.leadsUpdated++;
        }
        if (lead.id !== local.id) recordMerge(merged, incoming);
      } else {
        // The other device saw the person first: its lead id is the one that lives on (the CRM
        // and every other device know the person by it). The local record becomes a tombstone
        // and its history moves over. Deleting first frees the badge id for the survivor.
        writer.change(local, { deletedAt: now }, null, local.updatedAt);
        writer.put(rowFromState(merged));
        writer.moveTouches(local.id, merged.first.id);
        photos.move(local.id, merged.first.id);
        counts.leadsUpdated++;
        recordMerge(merged, mine);
      }
    }

    const recount = new Set<string>();
    for (const touch of bundle.touches) {
      // Every touch's lead is in the bundle (checked), so it was written or matched just above.
      const lead = liveLead(touch.leadId) ?? leads.get(touch.leadId);
      if (!lead) throw new Error(`Touch ${touch.id} lost its lead ${touch.leadId}`);
      const at = Date.parse(touch.at);
      if (!writer.addTouch(lead.id, eventId, { ...touch, at })) {
        counts.touchesSkipped++;
        continue;
      }
      if (touch.kind === 'checkin') store.checkIn(eventId, lead.id, at);
      counts.touchesAdded++;
      recount.add(lead.id);
    }

    // Scans and check-ins from the other device count as interest here too: the touch count
    // and what derives from it (score, MQL) catch up now the history is in.
    for (const id of recount) {
      const row = leads.get(id);
      if (row && row.deletedAt === null) writer.rederive(row, now, { recount: true });
    }

    photos.importPhotos(bundle.photos, liveLead);
    return counts;
  });

  return {
    'bundle.export': ({ eventId }) => exportBundle(eventId),
    'bundle.import': ({ file }) => {
      const bundle = parseBundle(fileBytes(file));
      // The photos' files first: the rows that point at them commit in the import's transaction.
      photos.storeFiles(bundle.photos);
      return importBundle(bundle, deps.clock());
    },
  };
}
