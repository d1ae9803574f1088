import { useEffect, useId, useState } from 'react';
import type { Settings } from '../../../shared/api';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';

/**
 * Who is capturing on this device: pick a name used before or type a new one. Saved in the
 * device settings and sent with every capture.
 */
export function StaffPicker({ settings, onSaved, label }: { settings: Settings; onSaved(s: Settings): void; label: string }) {
  const { t, error } = useI18n();
  const listId = useId();
  const [value, setValue] = useState(settings.staffName ?? '');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => setValue(settings.staffName ?? ''), [settings.staffName]);

  async function save() {
    const name = value.trim();
    if (name === (settings.staffName ?? '')) return;
    try {
      onSaved(await call('settings.update', { staffName: name === '' ? null : name }));
      setMessage(t('common.saved'));
    } catch (err) {
      setMessage(error(errorCode(err)));
    }
  }

  return (
    <form
      className="staff-picker"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span className="field__label">{label}</span>
        <input
          list={listId}
          value={value}
          maxLength={100}
          autoComplete="off"
          placeholder={t('capture.staff_placeholder')}
          onChange={(e) => {
            setValue(e.target.value);
            setMessage(null);
          }}
          onBlur={() => void save()}
        />
      </label>
      <datalist id={listId}>
        {settings.staffNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <button type="submit" className="button">
        {t('common.save')}
      </button>
      <span className="staff-picker__message" role="status">
        {message}
      </span>
    </form>
  );
}
