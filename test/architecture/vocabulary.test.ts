/**
 * One word for the person asking: `Actor` (src/usecases/shared/actor.ts), with `ChatActor` for what a chat
 * turn knows of them. The words it replaced (Asker, Caller, Viewer) each grew their own shape and rules;
 * this fails if any comes back as a type in src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

/** A declaration (`interface X` or `type X =`), not an import or a mention. */
const declares = (name: string) =>
  new RegExp(`\\b(?:interface\\s+${name}\\b|type\\s+${name}\\s*(?:<[^>]*>)?\\s*=)`);
const RETIRED = declares('(?:Asker|Caller|Viewer)');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('one vocabulary for the person asking', () => {
  it('declares no Asker, Caller or Viewer type in src/', () => {
    const found = sourceFiles(join(ROOT, 'src')).flatMap((file) => {
      const match = RETIRED.exec(readFileSync(file, 'utf8'));
      return match ? [`${file.slice(ROOT.length + 1)}: ${match[0]}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('would notice one planted', () => {
    expect(RETIRED.test('export interface Caller {')).toBe(true);
    expect(RETIRED.test('type Viewer = { email: string };')).toBe(true);
    expect(RETIRED.test('export type Asker = ChatActor;')).toBe(true);
    expect(RETIRED.test('const callerId = 1; // a Caller-ID')).toBe(false);
    expect(RETIRED.test("import { type Caller } from './tab-auth';")).toBe(false);
  });

  it('defines Actor once', () => {
    const defining = sourceFiles(join(ROOT, 'src')).filter((file) =>
      declares('Actor').test(readFileSync(file, 'utf8')),
    );
    expect(defining.map((file) => file.slice(ROOT.length + 1))).toEqual(['src/usecases/shared/actor.ts']);
  });
});
