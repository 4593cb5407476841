/**
 * `npm ci` installs the committed lock on any machine and leaves it as it is: the lock names what
 * package.json asks for, and every optional dependency of every package (each platform's build of
 * esbuild, swc, …) has its own entry — a lock written on one platform without the others' makes
 * npm 11's `ci` refuse it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..');
interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as LockEntry;

/** The entry npm resolves `name` to from the package at `from` (its own node_modules, then upwards). */
function resolved(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

/** `from → name` for each dependency of this kind that no lock entry satisfies. */
const unresolved = (kind: 'dependencies' | 'optionalDependencies') =>
  Object.entries(lock.packages).flatMap(([from, entry]) =>
    Object.keys(entry[kind] ?? {})
      .filter((name) => resolved(from, name) === undefined)
      .map((name) => `${from || '(root)'} → ${name}`),
  );

describe('package-lock.json', () => {
  it('is a version 3 lock of exactly what package.json asks for', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages['']!;
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });

  it('has an entry for every optional dependency of every package, for every platform', () =>
    expect(unresolved('optionalDependencies')).toEqual([]));

  it('resolves every dependency of every package', () => expect(unresolved('dependencies')).toEqual([]));
});
