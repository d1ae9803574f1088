import type { Handlers, Settings } from '../../shared/api';
import type { CoreDeps } from './deps';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update'>;

export function settingsStore(deps: Pick<CoreDeps, 'sqlite' | 'newId'>) {
  const getStmt = deps.sqlite.prepare('SELECT value FROM settings WHERE key = ?');
  const setStmt = deps.sqlite.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const setIfAbsent = deps.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING');
  const read = <T>(key: string, fallback: T): T => {
    const row = getStmt.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : fallback;
  };
  // Every capture reads the device id and staff name: keep the settings in memory, drop on write.
  let cached: Settings | null = null;
  const write = (key: string, value: unknown) => {
    setStmt.run(key, JSON.stringify(value));
    cached = null;
  };

  // The device id names this installation in touches and bundles; made once, kept forever.
  // Written only if absent, then read: two processes opening a new file agree on one id.
  let deviceId = read<string | null>('deviceId', null);
  if (!deviceId) {
    setIfAbsent.run('deviceId', JSON.stringify(deps.newId()));
    deviceId = read<string>('deviceId', '');
  }

  return {
    read,
    write,
    /**
     * Several reads and writes as one: BEGIN IMMEDIATE, so another process cannot change a
     * value between our read and our write (the busy timeout waits for it instead).
     */
    update: <T>(fn: () => T): T => deps.sqlite.transaction(fn).immediate(),
    get(): Settings {
      return (cached ??= {
        deviceId: deviceId!,
        language: read('language', null),
        staffName: read('staffName', null),
        staffNames: read('staffNames', []),
        cameraId: read('cameraId', null),
      });
    },
  };
}
export type SettingsStore = ReturnType<typeof settingsStore>;

export function settingsHandlers(store: SettingsStore): SettingsHandlers {
  return {
    'settings.get': () => store.get(),
    'settings.update': (input) => {
      store.update(() => {
        if (input.language !== undefined) store.write('language', input.language);
        if (input.cameraId !== undefined) store.write('cameraId', input.cameraId);
        if (input.staffName !== undefined) {
          store.write('staffName', input.staffName);
          const names = store.read<string[]>('staffNames', []);
          if (input.staffName && !names.includes(input.staffName)) store.write('staffNames', [...names, input.staffName].slice(-50));
        }
      });
      return store.get();
    },
  };
}
