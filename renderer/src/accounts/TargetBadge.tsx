import { useI18n } from '../app/i18n';
import './target-badge.css';

/** The target mark, everywhere an account shows: the tier when the list gives one. */
export function TargetBadge({ tier }: { tier: string | null }) {
  const { t } = useI18n();
  return (
    <span className="target-badge" data-testid="target-badge">
      {tier ? t('accounts.target_tier', { tier }) : t('accounts.target')}
    </span>
  );
}
