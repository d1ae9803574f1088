import { useEffect, useId, useState } from 'react';
import type { Language, Settings } from '../../../shared/api';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { StaffPicker } from '../capture/StaffPicker';
import { ConnectorSettingsSection } from './ConnectorSettings';
import { ProblemNotice } from '../ui/ProblemNotice';

type LanguageChoice = Language | 'auto';

export function SettingsScreen({ settings, onSettings }: { settings: Settings; onSettings(s: Settings): void }) {
  const { t, error } = useI18n();
  const languageId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(null);

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

  return (
    <div className="page page--narrow">
      <h1>{t('settings.title')}</h1>
      <section className="panel">
        <div className="field">
          <label htmlFor={languageId} className="field__label">
            {t('settings.language')}
          </label>
          <select
            id={languageId}
            value={settings.language ?? 'auto'}
            onChange={(e) => void chooseLanguage(e.target.value as LanguageChoice)}
          >
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
  );
}
