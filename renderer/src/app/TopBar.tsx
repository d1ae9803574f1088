import type { ConnectorStatus } from '../../../shared/delivery/api';
import type { EventSummary } from '../../../shared/model';
import type { MessageKey } from '../../../shared/i18n';
import { deliverySummary } from '../upload/delivery-state';
import { useI18n } from './i18n';
import { SCREENS, screenHref, type Screen } from './route';

const NAV_LABEL: Record<Screen, MessageKey> = {
  capture: 'nav.capture',
  door: 'nav.door',
  leads: 'nav.leads',
  triage: 'triage.nav',
  accounts: 'nav.accounts',
  duplicates: 'nav.duplicates',
  dashboard: 'dashboard.nav',
  upload: 'nav.upload',
  events: 'nav.events',
  settings: 'nav.settings',
};

export function TopBar(props: {
  screen: Screen;
  events: EventSummary[];
  current: EventSummary | null;
  onChooseEvent(id: string): void;
  delivery: ConnectorStatus[] | null;
}) {
  const { t, count } = useI18n();
  const { current } = props;
  const delivery = deliverySummary(props.delivery ?? []);
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {t('app.skip_to_main')}
      </a>
      <span className="topbar__brand">{t('app.name')}</span>
      <label className="topbar__event">
        <span className="topbar__event-label">{t('topbar.event')}</span>
        <select
          value={current?.id ?? ''}
          onChange={(e) => props.onChooseEvent(e.target.value)}
          disabled={props.events.length === 0}
        >
          {props.events.length === 0 && <option value="">{t('topbar.no_event')}</option>}
          {props.events.map((event) => (
            <option key={event.id} value={event.id}>
              {t('topbar.event_option', { name: event.name, kind: t(`event.kind.${event.kind}`) })}
            </option>
          ))}
        </select>
      </label>
      <nav aria-label={t('nav.label')} className="topbar__nav">
        {SCREENS.map((screen) => (
          <a
            key={screen}
            href={screenHref(screen)}
            className="topbar__link"
            aria-current={props.screen === screen ? 'page' : undefined}
          >
            {t(NAV_LABEL[screen])}
          </a>
        ))}
      </nav>
      {delivery && (
        <a
          href={screenHref('upload')}
          className={`delivery-indicator delivery-indicator--${delivery.state}`}
          data-testid="delivery-indicator"
        >
          <span role="status">{t(`topbar.delivery.${delivery.state}`)}</span>
          {delivery.attention > 0 && (
            <span className="delivery-indicator__attention">{t('topbar.delivery.attention', { count: count(delivery.attention) })}</span>
          )}
        </a>
      )}
      <span className={current ? 'scanner-status scanner-status--on' : 'scanner-status'} role="status">
        {t(current ? 'topbar.scanner_ready' : 'topbar.scanner_off')}
      </span>
    </header>
  );
}
