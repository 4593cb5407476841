/**
 * The spec's error tables (§10) and the protocol module agree field by field: the codes and names
 * of errors.ts, and the message and viewer texts of error-messages.ts. The error examples of §10
 * say what the table says. Editing either side alone fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES, errorMessage, type ErrorName } from './error-messages';
import { BridgeErrorCode, JsonRpcErrorCode, errorNameOf } from './errors';

const SPEC = readFileSync(join(__dirname, '..', 'spec.md'), 'utf8');
const CODES: Record<ErrorName, number> = { ...JsonRpcErrorCode, ...BridgeErrorCode };

/** The section of spec.md from `## 10. Errors` to the next `## `. */
function errorsSection(markdown: string): string {
  const start = markdown.indexOf('\n## 10. Errors');
  expect(start).toBeGreaterThan(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The rows of the table whose header line is `header`, as trimmed cells. */
function tableRows(section: string, header: string): string[][] {
  const lines = section.split('\n');
  const at = lines.indexOf(header);
  expect(at).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');
const orNone = (cell: string) => (cell === '–' ? undefined : cell);

/** One row of the message table as the module would hold it. */
function messageRow([code, name, message, ja, en]: string[]) {
  const viewerJa = orNone(ja!);
  const viewerEn = orNone(en!);
  return {
    code: Number(code),
    name: unquote(name!),
    message: message!,
    ...(viewerJa || viewerEn ? { viewer: { ja: viewerJa, en: viewerEn } } : {}),
  };
}

const MESSAGE_HEADER = '| code | name | `error.message` | viewer is told (informative), ja | en |';
const CONDITION_HEADER = '| code | name | when | `data` |';

describe('the spec’s error tables and the protocol module', () => {
  const section = errorsSection(SPEC);
  const messageRows = tableRows(section, MESSAGE_HEADER);
  const conditionRows = tableRows(section, CONDITION_HEADER);

  it('list the same errors, once each, in the same order', () => {
    const names = Object.keys(ERROR_MESSAGES) as ErrorName[];
    expect(messageRows.map((row) => unquote(row[1]!)).sort()).toEqual([...names].sort());
    expect(messageRows.map((row) => Number(row[0]))).toEqual(conditionRows.map((row) => Number(row[0])));
    expect(new Set(messageRows.map((row) => row[0])).size).toBe(messageRows.length);
    expect(Object.keys(CODES).sort()).toEqual([...names].sort());
  });

  it.each(Object.keys(ERROR_MESSAGES) as ErrorName[])('%s: code, message and viewer texts', (name) => {
    const row = messageRows.find((cells) => unquote(cells[1]!) === name);
    expect(row && messageRow(row)).toEqual({ code: CODES[name], name, ...ERROR_MESSAGES[name] });
  });

  it('the condition table names each error as errors.ts does (the JSON-RPC ones by their message)', () => {
    for (const [code, name] of conditionRows) {
      const known = errorNameOf(Number(code));
      expect([code, known && (name!.startsWith('`') ? known : ERROR_MESSAGES[known].message)]).toEqual([
        code,
        unquote(name!),
      ]);
    }
  });

  it('viewer texts are given in both languages or in neither, with the same placeholders', () => {
    const placeholders = (text = '') => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [name, { viewer }] of Object.entries(ERROR_MESSAGES)) {
      if (!viewer) continue;
      expect([name, viewer.ja.length > 0, viewer.en.length > 0]).toEqual([name, true, true]);
      expect([name, placeholders(viewer.en)]).toEqual([name, placeholders(viewer.ja)]);
    }
  });

  it('every error example of §10 carries the table’s message for its code', () => {
    const examples = [...section.matchAll(/<!-- example: error-response[^>]*-->\n```json\n([\s\S]*?)\n```/g)];
    expect(examples.length).toBeGreaterThan(5);
    for (const [, json] of examples) {
      const { code, message } = (JSON.parse(json!) as { error: { code: number; message: string } }).error;
      const name = errorNameOf(code)!;
      const table = ERROR_MESSAGES[name].message;
      expect([code, message === table || message.startsWith(`${table}: `)]).toEqual([code, true]);
    }
  });

  it('a message is the table’s text, with the bridge’s own detail after a colon', () => {
    expect(errorMessage('PIN_INCORRECT')).toBe('Wrong PIN');
    expect(errorMessage('INVALID_PARAMS', 'digest must be 32 bytes')).toBe(
      'Invalid params: digest must be 32 bytes',
    );
  });

  it('a changed text in the spec is caught (the parser reads what the check needs)', () => {
    const edited = SPEC.replace('| Wrong PIN |', '| Wrong PIN! |');
    const row = tableRows(errorsSection(edited), MESSAGE_HEADER).find((cells) => cells[0] === '-32010')!;
    expect(messageRow(row).message).toBe('Wrong PIN!');
    expect(messageRow(row)).not.toEqual({
      code: -32010,
      name: 'PIN_INCORRECT',
      ...ERROR_MESSAGES.PIN_INCORRECT,
    });
  });
});
