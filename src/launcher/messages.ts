/**
 * What the launcher says when it has nothing to open: Japanese first, then English, whom to call
 * (the operator's support number from launcher.json, when it could be read) and what to do.
 */
import type { LauncherConfig } from './signature';

export type LauncherProblem = 'config' | 'no-release';

export function launcherProblemLines(
  problem: LauncherProblem,
  support: LauncherConfig['support'] | undefined,
): string[] {
  const call = support
    ? {
        ja: `${support.name.ja}（${support.phone}）にお問い合わせください。`,
        en: `please call ${support.name.en} (${support.phone}).`,
      }
    : { ja: 'ケーブルテレビ会社にお問い合わせください。', en: 'please contact your cable TV company.' };
  return problem === 'config'
    ? [
        '窓口を始められません（この受信機の設定に問題があります）。',
        call.ja,
        `The service cannot start: this box is not set up for it; ${call.en}`,
      ]
    : [
        '窓口を始められません。決定ボタンを押すと、もう一度試します。',
        `1 分ごとにも自動で試します。続くときは、${call.ja}`,
        'The service cannot start right now. Press OK to try again (it also tries every minute).',
        `If this goes on, ${call.en}`,
      ];
}
