/** The case list and its requirement table stay in step with each other, stb-spec/spec.md and README.md. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CASES } from './cases';
import { CASE_REQUIREMENTS } from './requirements';

const spec = readFileSync(join(__dirname, '..', 'spec.md'), 'utf8');
const claimed = [...new Set(Object.values(CASE_REQUIREMENTS).flat())];

/** The IDs in the first column of the README's table from each MUST to the cases. */
function mustTableIds(): Set<string> {
  const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
  const start = readme.indexOf('## From each MUST of the spec to the cases');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const ids = section
    .split('\n')
    .filter((line) => line.startsWith('| BR-'))
    .flatMap((line) => line.split('|')[1]!.match(/\bBR-[A-Z]+-\d+\b/g) ?? []);
  return new Set(ids);
}

it('has at least 30 cases with unique ids, each mapped to requirements', () => {
  const ids = ALL_CASES.map((c) => c.id);
  expect(ids.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ids).size).toBe(ids.length);
  expect(Object.keys(CASE_REQUIREMENTS).sort()).toEqual([...ids].sort());
  for (const id of ids) expect(CASE_REQUIREMENTS[id]!.length).toBeGreaterThan(0);
});

it('names only requirement IDs that stb-spec/spec.md defines', () => {
  const defined = new Set(spec.match(/\bBR-[A-Z]+-\d+\b/g) ?? []);
  expect(claimed.filter((id) => !defined.has(id))).toEqual([]);
});

it('lists every requirement the kit claims, and every MUST of the spec, in the README table', () => {
  const table = mustTableIds();
  expect(claimed.filter((id) => !table.has(id))).toEqual([]);
  const musts = [...spec.matchAll(/\n- \*\*(BR-[A-Z]+-\d+)\*\*([\s\S]*?)(?=\n- \*\*|\n\n|\n#)/g)]
    .filter((match) => match[2]!.includes('MUST'))
    .map((match) => match[1]!);
  expect(musts.length).toBeGreaterThan(50);
  expect(musts.filter((id) => !table.has(id))).toEqual([]);
});
