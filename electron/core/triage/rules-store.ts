import type Database from 'better-sqlite3';
import { registrableDomain } from '../../../shared/accounts/domain';
import type { DeriveRules } from '../../../shared/lead/derive';
import { makeAssigner, RoundRobinState, type Assignment } from '../../../shared/triage/assign';
import type { TriageSubject } from '../../../shared/triage/condition';
import { compileRules, DEFAULT_RULES, RuleSet } from '../../../shared/triage/rules';
import { TriageSettings } from '../../../shared/triage/settings';
import type { SettingsStore } from '../settings';
import type { OwnerStore } from './owners';

const SCORING_KEY = 'triage.scoring';
const SETTINGS_KEY = 'triage.settings';
const ROUND_ROBIN_KEY = 'triage.roundRobin';

/** Everything the lead writer needs to derive and move a lead, compiled once per change of the rules. */
export interface TriageRules {
  scoring: RuleSet;
  settings: TriageSettings;
  derive: DeriveRules;
  assign: (subject: TriageSubject, state: RoundRobinState) => Assignment;
  /** Names this set of rules; the re-score at open compares it with the one last applied. */
  fingerprint: string;
}

/**
 * The scoring rules, triage settings, owners and target accounts, read from the database and
 * compiled. Another process (the CLI's `rules import`, a second window) may change them: SQLite's
 * data_version moves when another connection commits, and only then are they read again.
 */
export function triageRulesStore(sqlite: Database.Database, settings: SettingsStore, owners: OwnerStore) {
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const targets = sqlite.prepare('SELECT key, domain FROM target_accounts');
  let seenVersion: unknown = null;
  let cached: TriageRules | null = null;

  function readScoring(): RuleSet {
    const parsed = RuleSet.safeParse(settings.read<unknown>(SCORING_KEY, null) ?? DEFAULT_RULES);
    return parsed.success ? parsed.data : DEFAULT_RULES;
  }

  function readSettings(): TriageSettings {
    const parsed = TriageSettings.safeParse(settings.read<unknown>(SETTINGS_KEY, {}));
    return parsed.success ? parsed.data : TriageSettings.parse({});
  }

  function load(): TriageRules {
    const scoring = readScoring();
    const triage = readSettings();
    const keys = new Set<string>();
    const domains = new Set<string>();
    for (const row of targets.all() as { key: string; domain: string | null }[]) {
      keys.add(row.key);
      if (row.domain) domains.add(row.domain.toLowerCase());
    }
    const everyone = owners.list();
    return {
      scoring,
      settings: triage,
      derive: {
        score: compileRules(scoring),
        followUpHours: triage.followUpHours,
        // The list names a company's domain (acme.co.jp); its people write from hosts under it (sales.acme.co.jp).
        isTarget: (key, domain) =>
          (key !== null && keys.has(key)) ||
          (domain !== null && domains.size > 0 && (domains.has(domain) || domains.has(registrableDomain(domain) ?? ''))),
      },
      assign: makeAssigner(triage.assignmentRules, everyone, triage.defaultOwner),
      // What changes a lead's derived values: the rules, the follow-up hours, the target list.
      fingerprint: JSON.stringify([scoring, triage.followUpHours, triage.mql, [...keys].sort(), [...domains].sort()]),
    };
  }

  return {
    current(): TriageRules {
      const version = dataVersion.get();
      if (!cached || version !== seenVersion) {
        cached = load();
        seenVersion = version;
      }
      return cached;
    },
    /** After this connection changed the rules, owners or targets (data_version only sees other connections). */
    invalidate(): void {
      cached = null;
    },
    saveScoring(rules: RuleSet): void {
      settings.write(SCORING_KEY, rules);
      cached = null;
    },
    saveSettings(value: TriageSettings): void {
      settings.write(SETTINGS_KEY, value);
      cached = null;
    },
    roundRobin: (): RoundRobinState => {
      const parsed = RoundRobinState.safeParse(settings.read<unknown>(ROUND_ROBIN_KEY, {}));
      return parsed.success ? parsed.data : {};
    },
    saveRoundRobin: (state: RoundRobinState) => settings.write(ROUND_ROBIN_KEY, state),
    appliedFingerprint: () => settings.read<string | null>('triage.applied', null),
    saveAppliedFingerprint: (fingerprint: string) => settings.write('triage.applied', fingerprint),
  };
}
export type TriageRulesStore = ReturnType<typeof triageRulesStore>;
