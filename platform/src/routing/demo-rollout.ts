import type { Clock } from '../clock';
import type { RolloutSwitches } from './rollout-switches';

/** The provinces live at the moment the seed article describes (Hainaut first, then these). */
export const ARTICLE_LIVE_PROVINCES: readonly string[] = [
  'BE-WHT',
  'BE-VWV',
  'BE-VOV',
  'BE-WLX',
  'BE-BRU',
  'BE-WLG',
  'BE-WBR',
];

/** The next ones, planned a few weeks later: Antwerp, then Limburg. */
export const ARTICLE_PLANNED: ReadonlyArray<{ province: string; weeks: number }> = [
  { province: 'BE-VAN', weeks: 3 },
  { province: 'BE-VLI', weeks: 5 },
];

const DEMO_USER = 'demo-seed';
const DEMO_AGENCY = 'IPLUS';

/**
 * IPLUS_DEMO_ROLLOUT=article: the demo starts at the seed article's moment — the provinces of
 * ARTICLE_LIVE_PROVINCES live, Antwerp and Limburg planned on the engine's timer a few weeks ahead
 * (06:00 UTC), the rest (Namur, Flemish Brabant) on the old channel. Each step is a switch in the
 * provinces' history, by `demo-seed`; a province that has a history already is left alone, so a
 * retried bring-up does not repeat it.
 */
export async function seedArticleRollout(switches: RolloutSwitches, clock: Clock): Promise<void> {
  for (const province of ARTICLE_LIVE_PROVINCES) {
    if ((await switches.history(province)).length > 0) continue;
    await switches.switchNow(
      { province, live: true, reason: 'demo: live at the moment of the seed article' },
      DEMO_USER,
      DEMO_AGENCY,
    );
  }
  for (const { province, weeks } of ARTICLE_PLANNED) {
    if ((await switches.history(province)).length > 0) continue;
    const at = new Date(clock.now().getTime() + weeks * 7 * 24 * 3600 * 1000);
    at.setUTCHours(6, 0, 0, 0);
    await switches.schedule(
      { province, live: true, at: at.toISOString(), reason: 'demo: planned after the seed article' },
      DEMO_USER,
      DEMO_AGENCY,
    );
  }
}
