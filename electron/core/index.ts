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

/**
 * Every domain's handlers over one database: the core all doors share. Delivery is not built
 * here: the composition root (electron/app.ts) builds both and merges their handlers.
 */
export function createCore(deps: CoreDeps, settings: SettingsStore, search: SearchIndex) {
  const events = eventStore(deps);
  // Read lazily: tests swap deps.onLeadWritten after the core is built.
  const writer = leadWriter(deps.sqlite, {
    newId: deps.newId,
    device: () => settings.get().deviceId,
    onWritten: (lead) => deps.onLeadWritten(lead),
  });
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
  );
  return { handlers };
}
