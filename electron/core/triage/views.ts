import { z } from 'zod';
import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { SavedView } from '../../../shared/triage/api';
import type { SettingsStore } from '../settings';

/** Saved views live as one JSON list in the settings table, in the order they were made. */
const KEY = 'triage.views';

/** More than a screen's menu can show is a sign of something gone wrong, not a real need. */
export const MAX_VIEWS = 100;

type ViewHandlers = Pick<Handlers, 'triage.views.list' | 'triage.views.save' | 'triage.views.delete'>;

export function savedViewHandlers(settings: SettingsStore, newId: () => string): ViewHandlers {
  // A view saved by an older version, or a file edited by hand, is dropped rather than
  // breaking the menu: each one is checked against today's contract on the way out.
  const list = (): SavedView[] =>
    settings.read<unknown[]>(KEY, []).flatMap((view) => {
      const parsed = SavedView.safeParse(view);
      return parsed.success ? [parsed.data] : [];
    });

  return {
    'triage.views.list': () => list(),
    'triage.views.save': (input) =>
      settings.update(() => {
        const views = list();
        const view: SavedView = { id: input.id ?? newId(), name: input.name, filter: input.filter, sort: input.sort };
        const at = views.findIndex((v) => v.id === view.id);
        if (at >= 0) views[at] = view;
        else if (views.length >= MAX_VIEWS) throw new AppError('triage.too_many_views', `At most ${MAX_VIEWS} saved views`);
        else views.push(view);
        settings.write(KEY, z.array(SavedView).parse(views));
        return view;
      }),
    'triage.views.delete': ({ id }) =>
      settings.update(() => {
        const views = list();
        const kept = views.filter((v) => v.id !== id);
        if (kept.length !== views.length) settings.write(KEY, kept);
        return { deleted: kept.length !== views.length };
      }),
  };
}
