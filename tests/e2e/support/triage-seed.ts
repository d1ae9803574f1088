import Database from 'better-sqlite3';
import { leadStore, NEW_LEAD_DEFAULTS } from '../../../electron/core/store/lead-store';
import { companyKey } from '../../../shared/normalize/company';
import type { Grade } from '../../../shared/triage/grade';
import type { LeadStatus } from '../../../shared/triage/status';
import { seededAsLinked } from '../../support/seeded';

/**
 * Fills a host's database with many leads at once, straight through the lead store in one
 * transaction: the API would take minutes for 100,000. Score, grade, status and follow-up are
 * set directly, spread so every filter and sort has work to do; they are not what the rules
 * would give, so any write through the lead writer re-derives them. The search index catches up
 * later, as after a bundle import; the host needs no restart, as every triage query reads the table.
 */

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const FAMILY_KANA = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ナカムラ', 'コバヤシ', 'カトウ'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '陽子', '翔', '彩'];
const COMPANY = ['株式会社サンプル', 'サンプル商事株式会社', '東京テクノロジー株式会社', '(株)大阪システムズ', 'Acme Japan K.K.'];
const TITLE = ['部長', '課長', '主任', '担当', 'マネージャー', '代表取締役'];
const GRADES: Grade[] = ['A', 'B', 'C', 'D'];
const STATUSES: LeadStatus[] = ['new', 'new', 'new', 'working', 'mql', 'nurture', 'disqualified'];
const RATINGS = ['hot', 'warm', 'cold', null] as const;
export const SEED_STAFF = ['佐藤', '鈴木', 'Brown'];

/** The seeded lead i's score: every value 0–100 is used, the highest (100) by seed 100. */
export const seedScore = (i: number) => i % 101;

export async function seedLeads(dbFile: string, eventId: string, count: number, now = Date.now()): Promise<void> {
  const sqlite = new Database(dbFile);
  sqlite.pragma('busy_timeout = 10000');
  const store = leadStore(sqlite);
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const family = FAMILY[i % FAMILY.length]!;
      const given = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]!;
      const company = `${COMPANY[i % COMPANY.length]!}${i % 89}`;
      const grade = GRADES[i % GRADES.length]!;
      const status = STATUSES[i % STATUSES.length]!;
      const capturedAt = now - (count - i) * 1000;
      store.insert({
        ...NEW_LEAD_DEFAULTS,
        id: `seed-${String(i).padStart(6, '0')}`,
        eventId,
        badgeId: `SEED-${String(i).padStart(6, '0')}`,
        fullName: `${family} ${given}`,
        familyName: family,
        givenName: given,
        familyNameKana: FAMILY_KANA[i % FAMILY.length]!,
        company,
        companyKey: companyKey(company) ?? null,
        title: TITLE[i % TITLE.length]!,
        email: `seed${i}@example${i % 97}.co.jp`,
        source: 'scanner',
        capturedBy: SEED_STAFF[i % SEED_STAFF.length]!,
        capturedAt,
        updatedAt: capturedAt,
        rating: RATINGS[i % RATINGS.length]!,
        status,
        statusAt: capturedAt,
        score: seedScore(i),
        grade,
        followUpDue: grade === 'A' ? capturedAt + 24 * 3_600_000 : grade === 'B' ? capturedAt + 48 * 3_600_000 : null,
      });
    }
  })();
  seededAsLinked(sqlite);
  sqlite.close();
  // The insert held this process's event loop for seconds: the host has meanwhile closed the idle
  // keep-alive connection, and fetch must see that before it reuses the socket for the next call.
  await new Promise((resolve) => setTimeout(resolve, 200));
}
