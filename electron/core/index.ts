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
import { rosterHandlers } from './roster';
import type { SearchIndex } from './search-index';
import { settingsHandlers, type SettingsStore } from './settings';
import { consentStore } from './qualify/consent';
import { formStore } from './qualify/forms';
import { leadWriter } from './store/lead-writer';
import { triageHandlers } from './triage/handlers';
import { triageQuery, triageQueryHandlers } from './triage/query';
import { ownerStore } from './triage/owners';
import { rescorer } from './triage/rescore';
import { triageRulesStore } from './triage/rules-store';
import { statusService } from './triage/status';

/**
 * Every domain's handlers over one database: the core all doors share. Delivery is not built
 * here: the composition root (electron/app.ts) builds both and merges their handlers.
 */
export function createCore(deps: CoreDeps, settings: SettingsStore, search: SearchIndex) {
  const events = eventStore(deps);
  const owners = ownerStore(deps.sqlite, deps.clock);
  const rules = triageRulesStore(deps.sqlite, settings, owners);
  const writer = leadWriter(deps.sqlite, {
    newId: deps.newId,
    device: () => settings.get().deviceId,
    rules: () => rules.current(),
    roundRobin: { read: rules.roundRobin, write: rules.saveRoundRobin },
    // Read lazily: tests swap deps.onLeadWritten after the core is built.
    onWritten: (lead) => deps.onLeadWritten(lead),
  });
  const status = statusService(deps, writer, rules);
  const rescore = rescorer(deps.sqlite, writer, rules, deps.clock);
  const forms = formStore(deps.sqlite, deps.clock);
  const consent = consentStore(deps.sqlite, deps.clock);
  const capture = captureService(deps, events, settings, writer);
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
  );
  return {
    handlers,
    /** Sales' verdict from a CRM (delivery's pull-back), through the lead writer. */
    applyVerdict: status.applyVerdict,
    /** Leads stored under other rules than the current ones are re-scored once (at open). */
    rescoreIfRulesChanged: rescore.ifRulesChanged,
  };
}
export type Core = ReturnType<typeof createCore>;

