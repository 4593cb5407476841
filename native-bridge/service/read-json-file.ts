/**
 * Reads a hand-edited JSON configuration file. Failures come back as bilingual lines, so each
 * configuration (operator, bridge service) wraps them in its own error with the file name.
 */
import { readFileSync } from 'node:fs';

export type JsonFileResult = { ok: true; value: unknown } | { ok: false; problems: string[] };

export function readJsonFile(file: string): JsonFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      problems: [`設定ファイルを読めません（${code}） / cannot read the configuration file (${code})`],
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problems: [`JSON として読めません / not valid JSON: ${(error as Error).message}`] };
  }
}
