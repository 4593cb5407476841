/**
 * The personal-data grep every telemetry test runs over what a part emits: each string in a record
 * (keys and values of a JSON line, the name and value of a marker line) is checked for the values
 * the test knows it put in (PINs, the token, card ids, reader names, a certificate's subject) and
 * for the shapes such data has whatever its value: text outside ASCII (a Japanese name or address),
 * a run of four or more digits that is not a version (a PIN, a phone or card number, a birth date),
 * a random-looking base64url run (a token, a card id), base64 DER (a certificate), an e-mail address.
 * Numbers in JSON are counts, checked by telemetryProblems() instead.
 */
const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}(-[0-9A-Za-z.]{1,20})?$/;

/** A log line's own time stamp, the only dated text a line may carry. */
const LOG_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function shapesIn(text: string): string[] {
  const found: string[] = [];
  if (LOG_TIME.test(text)) return found;
  // eslint-disable-next-line no-control-regex -- the check is exactly "anything outside ASCII"
  if (/[^\x00-\x7f]/.test(text)) found.push('text outside ASCII');
  const words = text.split(/[^A-Za-z0-9_+/=@.-]+/).filter(Boolean);
  for (const word of words) {
    if (VERSION.test(word)) continue;
    if (/\d{4,}/.test(word)) found.push(`a run of digits in ${JSON.stringify(word)}`);
    if (/MII[A-Za-z0-9+/]{16,}/.test(word)) found.push(`base64 DER in ${JSON.stringify(word)}`);
    if (/@[A-Za-z0-9-]+\./.test(word)) found.push(`an e-mail address in ${JSON.stringify(word)}`);
    for (const run of word.match(/[A-Za-z0-9_-]{22,}/g) ?? []) {
      if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run)) found.push(`a random-looking ${run}`);
    }
  }
  return found;
}

function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsOf(item, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      stringsOf(item, into);
    }
  }
  return into;
}

/** The strings a line carries: a JSON line's keys and string values, else the line's words. */
function stringsOfLine(line: string): string[] {
  if (/^[{[]/.test(line)) return stringsOf(JSON.parse(line));
  // A marker line `name/version MDG_figure:value`: a count as value is a number, not a string.
  const at = line.lastIndexOf(':');
  const value = line.slice(at + 1);
  return /^\d+$/.test(value) ? [line.slice(0, at)] : [line];
}

/** What looks like personal data in the lines, one finding each; [] when there is none. */
export function personalDataIn(lines: readonly string[], known: readonly string[]): string[] {
  const findings: string[] = [];
  for (const line of lines) {
    for (const text of stringsOfLine(line)) {
      for (const secret of known)
        if (text.includes(secret)) findings.push(`${JSON.stringify(secret)} in ${line}`);
      findings.push(...shapesIn(text).map((shape) => `${shape} in ${line}`));
    }
  }
  return findings;
}
