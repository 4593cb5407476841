/** The case list and its requirement table stay in step with each other and with stb-spec/spec.md. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CASES } from './cases';
import { CASE_REQUIREMENTS } from './requirements';

it('has at least 30 cases with unique ids, each mapped to requirements', () => {
  const ids = ALL_CASES.map((c) => c.id);
  expect(ids.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ids).size).toBe(ids.length);
  expect(Object.keys(CASE_REQUIREMENTS).sort()).toEqual([...ids].sort());
  for (const id of ids) expect(CASE_REQUIREMENTS[id]!.length).toBeGreaterThan(0);
});

it('names only requirement IDs that stb-spec/spec.md defines', () => {
  const specFile = join(__dirname, '..', 'spec.md');
  if (!existsSync(specFile)) return; // the spec arrives with its own change
  const defined = new Set(readFileSync(specFile, 'utf8').match(/\bBR-[A-Z]+-\d+\b/g) ?? []);
  const unknown = Object.values(CASE_REQUIREMENTS)
    .flat()
    .filter((id) => !defined.has(id));
  expect(unknown).toEqual([]);
});
