import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../shared/api';
import { resolveLang, t as translate } from '../../shared/i18n';
import { call, errorCode, onConnection } from './api/client';
import { I18nProvider, useI18n } from './app/i18n';
import { navigate, useScreen } from './app/route';
import { TopBar } from './app/TopBar';
import { useEvents } from './app/useEvents';
import { AccountsScreen } from './accounts/AccountsScreen';
import { CaptureScreen } from './capture/CaptureScreen';
import { DoorScreen } from './door/DoorScreen';
import { DuplicatesScreen } from './duplicates/DuplicatesScreen';
import { unlockAudioOnGesture } from './capture/sound';
import { useCapture } from './capture/useCapture';
import { useWedgeScanner } from './capture/useWedgeScanner';
import { EventsScreen } from './events/EventsScreen';
import { LeadsScreen } from './leads/LeadsScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { TriageScreen } from './triage/TriageScreen';
import { DashboardScreen } from './dashboard/DashboardScreen';
import { UploadScreen } from './upload/UploadScreen';
import { useSyncStatus } from './upload/useSyncStatus';

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const lang = resolveLang(settings?.language, navigator.language);

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((err: unknown) => setFailure(errorCode(err)));
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.name');
  }, [lang]);

  useEffect(() => unlockAudioOnGesture(), []);

  return (
    <I18nProvider lang={lang}>
      {settings ? <Shell settings={settings} onSettings={setSettings} /> : <Starting failure={failure} />}
    </I18nProvider>
  );
}

function Starting({ failure }: { failure: string | null }) {
  const { t, error } = useI18n();
  return (
    <main className="starting">
      {failure ? (
        <p className="notice notice--danger" role="alert">
          {error(failure)}
        </p>
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </main>
  );
}

function useConnected(): boolean {
  const [connected, setConnected] = useState(true);
  useEffect(() => onConnection(setConnected), []);
  return connected;
}

function Shell({ settings, onSettings }: { settings: Settings; onSettings(s: Settings): void }) {
  const { t } = useI18n();
  const screen = useScreen();
  const { events, current, setCurrentEventId, refresh } = useEvents();
  const capture = useCapture(current?.id ?? null, settings.staffName);
  const connected = useConnected();
  const sync = useSyncStatus();

  // The handheld scanner works from every screen; its card is on the Capture screen. An open
  // dialog (a roster import under way) is not torn down for it: the sound says it worked.
  const onScan = useCallback(
    (payload: string) => {
      // The door shows its own card for a scan; every other screen hands over to Capture.
      if (screen !== 'door' && !document.querySelector('dialog[open]')) navigate('capture');
      void capture.scan(payload, 'scanner');
    },
    [capture, screen],
  );
  useWedgeScanner(current !== null, onScan);

  const refreshEvents = useCallback(() => void refresh(), [refresh]);

  return (
    <>
      <TopBar screen={screen} events={events ?? []} current={current} onChooseEvent={setCurrentEventId} delivery={sync.statuses} />
      {!connected && (
        <p className="banner banner--danger" role="alert">
          {t('topbar.offline')}
        </p>
      )}
      <main id="main" className="main" tabIndex={-1}>
        {events === null ? (
          <p role="status">{t('app.loading')}</p>
        ) : screen === 'capture' ? (
          <CaptureScreen event={current} settings={settings} onSettings={onSettings} capture={capture} />
        ) : screen === 'door' ? (
          <DoorScreen event={current} capture={capture} staff={settings.staffName} />
        ) : screen === 'leads' ? (
          <LeadsScreen event={current} />
        ) : screen === 'triage' ? (
          <TriageScreen events={events} settings={settings} />
        ) : screen === 'accounts' ? (
          <AccountsScreen events={events} />
        ) : screen === 'duplicates' ? (
          <DuplicatesScreen event={current} staff={settings.staffName} />
        ) : screen === 'dashboard' ? (
          <DashboardScreen events={events} current={current} />
        ) : screen === 'upload' ? (
          <UploadScreen sync={sync} />
        ) : screen === 'events' ? (
          <EventsScreen events={events} current={current} onChoose={setCurrentEventId} onChanged={refreshEvents} />
        ) : (
          <SettingsScreen settings={settings} onSettings={onSettings} />
        )}
      </main>
    </>
  );
}
