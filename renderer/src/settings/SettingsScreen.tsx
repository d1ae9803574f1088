import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Language, Settings } from '../../../shared/api';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { StaffPicker } from '../capture/StaffPicker';
import { ConnectorSettingsSection } from './ConnectorSettings';
import { ProblemNotice } from '../ui/ProblemNotice';
import { AssignmentRules } from './triage/AssignmentRules';
import { OwnersSettings } from './triage/OwnersSettings';
import { SaveBar } from './triage/SaveBar';
import { ScoringRules } from './triage/ScoringRules';
import { StatusSettings } from './triage/StatusSettings';
import { useTriageEditor } from './triage/useTriageEditor';
import './triage/triage-settings.css';

type LanguageChoice = Language | 'auto';

const TABS = ['general', 'scoring', 'owners'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = { general: 'settings.triage.tab_general', scoring: 'settings.triage.tab_scoring', owners: 'settings.triage.tab_owners' } as const;
const TAB_KEY = 'leadbooth.settingsTab';

export function SettingsScreen({ settings, onSettings }: { settings: Settings; onSettings(s: Settings): void }) {
  const { t, error } = useI18n();
  const languageId = useId();
  const tabsId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  // The tab is kept for this tab of the browser, so a reload stays where the person was.
  const [tab, setTabState] = useState<Tab>(() => {
    const kept = sessionStorage.getItem(TAB_KEY);
    return (TABS as readonly string[]).includes(kept ?? '') ? (kept as Tab) : 'general';
  });
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  // Mounted with the screen, whatever the tab: switching tabs keeps what was typed.
  const triage = useTriageEditor();

  const setTab = (next: Tab) => {
    sessionStorage.setItem(TAB_KEY, next);
    setTabState(next);
  };

  useEffect(() => {
    call('app.info', {})
      .then((info) => setVersion(info.version))
      .catch(() => undefined);
  }, []);

  async function chooseLanguage(choice: LanguageChoice) {
    setProblem(null);
    try {
      onSettings(await call('settings.update', { language: choice === 'auto' ? null : choice }));
    } catch (err) {
      setProblem(error(errorCode(err)));
    }
  }

  /** Arrow keys move between tabs, as the ARIA tabs pattern has it; Home and End go to the ends. */
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const at = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight' ? (at + 1) % TABS.length : e.key === 'ArrowLeft' ? (at - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    setTab(TABS[to]!);
    tabRefs.current[TABS[to]!]?.focus();
  }

  const tabId = (name: Tab) => `${tabsId}tab-${name}`;
  const panelId = (name: Tab) => `${tabsId}panel-${name}`;

  return (
    <div className="page tset">
      <h1>{t('settings.title')}</h1>
      <div role="tablist" aria-label={t('settings.title')} className="tset__tabs">
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={tabId(name)}
            aria-selected={tab === name}
            aria-controls={panelId(name)}
            tabIndex={tab === name ? 0 : -1}
            className="tset__tab"
            onClick={() => setTab(name)}
            onKeyDown={onTabKey}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={panelId('general')} aria-labelledby={tabId('general')} hidden={tab !== 'general'} className="tset__panel">
        <section className="panel">
          <div className="field">
            <label htmlFor={languageId} className="field__label">
              {t('settings.language')}
            </label>
            <select id={languageId} value={settings.language ?? 'auto'} onChange={(e) => void chooseLanguage(e.target.value as LanguageChoice)}>
              <option value="auto">{t('settings.language_auto')}</option>
              <option value="ja" lang="ja">
                {t('settings.language_ja')}
              </option>
              <option value="en" lang="en">
                {t('settings.language_en')}
              </option>
            </select>
          </div>
          <ProblemNotice problem={problem} />
        </section>
        <section className="panel">
          <StaffPicker settings={settings} onSaved={onSettings} label={t('settings.staff')} />
          <p className="muted">{t('settings.staff_help')}</p>
        </section>
        <ConnectorSettingsSection />
        <section className="panel" aria-labelledby="about-title">
          <h2 id="about-title" className="panel__title">
            {t('settings.about')}
          </h2>
          {version && <p>{t('settings.version', { version })}</p>}
          <p className="muted">{t('settings.device', { id: settings.deviceId })}</p>
        </section>
      </div>

      <div role="tabpanel" id={panelId('scoring')} aria-labelledby={tabId('scoring')} hidden={tab !== 'scoring'} className="tset__panel" data-testid="settings-scoring">
        {tab === 'scoring' && <TriageLoading editor={triage} />}
        <ScoringRules editor={triage} />
        <StatusSettings editor={triage} />
      </div>

      <div role="tabpanel" id={panelId('owners')} aria-labelledby={tabId('owners')} hidden={tab !== 'owners'} className="tset__panel" data-testid="settings-owners">
        {tab === 'owners' && <TriageLoading editor={triage} />}
        <OwnersSettings editor={triage} />
        <AssignmentRules editor={triage} />
      </div>

      {tab !== 'general' && <SaveBar editor={triage} onGoTo={setTab} />}
    </div>
  );
}

function TriageLoading({ editor }: { editor: ReturnType<typeof useTriageEditor> }) {
  const { t } = useI18n();
  if (editor.draft) return null;
  return editor.failure ? <ProblemNotice problem={editor.failure} /> : <p role="status">{t('settings.triage.loading')}</p>;
}
