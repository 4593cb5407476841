/**
 * The user code as the voice reads it: letter by letter, so "BCDF-GHJK" is never read as a word. In
 * Japanese each letter by its katakana name (ビー・シー・…), the halves apart with 「、」.
 */
const KANA: Readonly<Record<string, string>> = {
  A: 'エー',
  B: 'ビー',
  C: 'シー',
  D: 'ディー',
  E: 'イー',
  F: 'エフ',
  G: 'ジー',
  H: 'エイチ',
  I: 'アイ',
  J: 'ジェー',
  K: 'ケー',
  L: 'エル',
  M: 'エム',
  N: 'エヌ',
  O: 'オー',
  P: 'ピー',
  Q: 'キュー',
  R: 'アール',
  S: 'エス',
  T: 'ティー',
  U: 'ユー',
  V: 'ブイ',
  W: 'ダブリュー',
  X: 'エックス',
  Y: 'ワイ',
  Z: 'ゼット',
  0: 'ゼロ',
  1: 'イチ',
  2: 'ニー',
  3: 'サン',
  4: 'ヨン',
  5: 'ゴー',
  6: 'ロク',
  7: 'ナナ',
  8: 'ハチ',
  9: 'キュー',
};

export function spokenCode(code: string, language: string): string {
  const halves = code
    .toUpperCase()
    .split('-')
    .map((half) => [...half].filter((c) => /[A-Z0-9]/.test(c)));
  if (language === 'ja') return halves.map((half) => half.map((c) => KANA[c] ?? c).join('・')).join('、');
  return halves.map((half) => half.join(' ')).join(', ');
}
