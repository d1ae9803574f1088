import type { Handlers } from '../../shared/api';
import { bundleHandlers } from './bundle';
import { captureService } from './capture';
import type { CoreDeps } from './deps';
import { doorHandlers } from './door';
import { eventHandlers, eventStore } from './events';
import { exportHandlers } from './export';
import { mergeHandlers } from './handlers';
import { leadHandlers } from './leads';
import { photoHandlers } from './photos';
import { cardHandlers } from './card/handlers';
import { cardOcr } from './card/ocr';
import { rosterHandlers } from './roster';
import type { SearchIndex } from './search-index';
import { settingsHandlers, type SettingsStore } from './settings';
import { consentStore } from './qualify/consent';
import { formStore } from './qualify/forms';
import { accountHandlers } from './accounts/handlers';
import { accountLinker } from './accounts/link';
import { accountRelinker } from './accounts/relink';
import { personLinker } from './dedupe/link';
import { dedupeRules } from './dedupe/apply';
import { personBackfill } from './dedupe/backfill';
import { dedupeHandlers } from './dedupe/handlers';
import { lateLinks } from './late-links';
import { leadWriter } from './store/lead-writer';
import { triageHandlers } from './triage/handlers';
import { triageQuery, triageQueryHandlers } from './triage/query';
import { ownerStore } from './triage/owners';
import { rescorer } from './triage/rescore';
import { triageRulesStore } from './triage/rules-store';
import { statusService } from './triage/status';
import { dashboardHandlers } from './reports/dashboard';
import { countedWrites, dashboardChanges, watchOtherWriters } from './reports/changes';

/**
 * Every domain's handlers over one database: the core all doors share. Delivery is not built
 * here: the composition root (electron/app.ts) builds both and merges their handlers.
 */
export function createCore(deps: CoreDeps, settings: SettingsStore, search: SearchIndex) {
  const events = eventStore(deps);
  const owners = ownerStore(deps.sqlite, deps.clock);
  const rules = triageRulesStore(deps.sqlite, settings, owners);
  const accountLinks = accountLinker(deps.sqlite, deps);
  const personLinks = personLinker(deps.sqlite, deps);
  // The open dashboards hear of every write to what they count (reports/changes.ts).
  const changes = dashboardChanges(deps.emit);
  const writer = leadWriter(deps.sqlite, {
    newId: deps.newId,
    device: () => settings.get().deviceId,
    rules: () => rules.current(),
    roundRobin: { read: rules.roundRobin, write: rules.saveRoundRobin },
    // Read lazily: tests swap deps.onLeadWritten after the core is built.
    onWritten: (lead) => {
      deps.onLeadWritten(lead);
      changes.eventChanged(lead.eventId);
    },
    // The person rules read the account (same name at the same company), so the account comes first.
    link: (row) => {
      const account = accountLinks.link(row);
      return { ...account, ...personLinks.link({ ...row, ...account }) };
    },
    // The same person twice at one event is merged (or suggested) before the write commits.
    afterWrites: (ids, created) => duplicates.afterWrites(ids, created),
  });
  const duplicates = dedupeRules(deps.sqlite, writer, deps.clock);
  const status = statusService(deps, writer, rules);
  // The re-score's batch path tells delivery of what it writes as the writer does (read lazily, as above).
  const rescore = rescorer(deps.sqlite, writer, rules, deps.clock);
  const relinkAccounts = accountRelinker(deps.sqlite, writer, rules, settings, deps.clock, accountLinks);
  const forms = formStore(deps.sqlite, deps.clock);
  const consent = consentStore(deps.sqlite, deps.clock);
  // New leads' accounts, persons and 名寄せ, decided after their captures commit (late-links.ts).
  const links = lateLinks(deps.sqlite, writer);
  const capture = captureService(deps, events, settings, writer, links);
  const handlers: Partial<Handlers> = mergeHandlers(
    { 'app.info': () => ({ version: deps.version, shell: deps.shell }) },
    settingsHandlers(settings),
    eventHandlers(deps, events),
    capture.handlers,
    rosterHandlers(deps, events),
    leadHandlers(deps, { settings, index: search, writer, forms, consent }),
    exportHandlers(deps, events, search, forms, settings),
    bundleHandlers(deps, events, settings, writer),
    doorHandlers(deps, (e, b, s) => capture.scan(e, b, 'roster', s)),
    photoHandlers(deps, settings, writer),
    triageHandlers(deps, { writer, rules, owners, status, rescore, matching: triageQuery(deps, search).matchingIds }),
    triageQueryHandlers(deps, settings, search),
    cardHandlers(cardOcr()),
    dedupeHandlers(deps, settings, writer, duplicates),
    accountHandlers(deps, { writer, rules, relink: relinkAccounts }),
    dashboardHandlers(deps.sqlite, { reasons: () => rules.current().settings.rejectionReasons }),
  );
  Object.assign(handlers, countedWrites(handlers, changes));
  return {
    handlers,
    /** New leads' accounts, persons and 名寄せ, decided after their captures commit (late-links.ts). */
    lateLinks: links,
    /** Sales' verdict from a CRM (delivery's pull-back), through the lead writer. */
    applyVerdict: status.applyVerdict,
    /** Leads stored under other rules than the current ones are re-scored once (at open). */
    rescoreIfRulesChanged: rescore.ifRulesChanged,
    /** Leads stored before accounts existed (or under older linking rules) are linked once (at open). */
    linkAccountsIfNeeded: relinkAccounts.backfillIfNeeded,
    /** Leads stored before 名寄せ get their keys and person once (at open, after their accounts). */
    linkPersonsIfNeeded: personBackfill(deps.sqlite, writer, deps.clock),
    /** Open dashboards hear of other processes' writes to the file too; `stop()` at close. */
    watchOtherWriters: () => {
      const version = deps.sqlite.prepare('PRAGMA data_version').pluck();
      return watchOtherWriters(() => version.get(), changes);
    },
  };
}
export type Core = ReturnType<typeof createCore>;

