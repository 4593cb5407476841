/**
 * ajv validation errors as bilingual lines that name the JSON path, for people editing a
 * configuration file by hand: 「support.phone の形式が正しくありません（電話番号） / support.phone: …」.
 * The bridge service's /etc/madoguchi/bridge.json uses them, and so does the operator configuration
 * (a build tool, which may import the bridge but not the other way round).
 */
import type { ErrorObject } from 'ajv';

/** What a pattern/format/const violation means, per JSON path (`a.b.*` matches any last segment). */
export type FieldHints = Record<string, { ja: string; en: string }>;

function jsonPath(instancePath: string, property?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (property !== undefined) parts.push(property);
  return parts.length ? parts.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') : '(root)';
}

function hintFor(hints: FieldHints, where: string) {
  return hints[where] ?? hints[where.replace(/\.[^.]+$/, '.*')];
}

/** One ajv error as one bilingual line. */
function describeError(error: ErrorObject, hints: FieldHints = {}): string {
  const where = jsonPath(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = jsonPath(error.instancePath, String(p.missingProperty));
      return `${missing} が必要です / ${missing}: required`;
    }
    case 'additionalProperties': {
      const extra = jsonPath(error.instancePath, String(p.additionalProperty));
      return `${extra} は使えない項目です / ${extra}: unknown field`;
    }
    case 'type':
      return `${where} の型が違います（${p.type}） / ${where}: must be of type ${p.type}`;
    case 'pattern':
    case 'format':
    case 'const':
    case 'not': {
      const hint = hintFor(hints, where);
      return hint
        ? `${where} の形式が正しくありません（${hint.ja}） / ${where}: ${hint.en}`
        : `${where} の形式が正しくありません / ${where}: invalid format`;
    }
    case 'minimum':
    case 'maximum':
      return `${where} は ${p.comparison} ${p.limit} でなければなりません / ${where}: must be ${p.comparison} ${p.limit}`;
    case 'minLength':
      return `${where} は ${p.limit} 文字以上必要です / ${where}: must be at least ${p.limit} characters`;
    case 'maxLength':
      return `${where} は ${p.limit} 文字以内です / ${where}: must be at most ${p.limit} characters`;
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return `${where} は次のいずれかです: ${allowed} / ${where}: must be one of ${allowed}`;
    }
    case 'minItems':
      return `${where} には ${p.limit} 個以上必要です / ${where}: needs at least ${p.limit} item(s)`;
    case 'uniqueItems':
      return `${where} に重複があります / ${where}: duplicate items`;
    default:
      return `${where} が正しくありません（${error.keyword}） / ${where}: ${error.message ?? error.keyword}`;
  }
}

/** Every error once; the `if` wrapper errors of conditional schemas add nothing for a reader. */
export function describeErrors(errors: ErrorObject[] | null | undefined, hints: FieldHints = {}): string[] {
  const lines = (errors ?? []).filter((e) => e.keyword !== 'if').map((e) => describeError(e, hints));
  return [...new Set(lines)];
}
