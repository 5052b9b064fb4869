/**
 * The domain is pure: it depends on nothing but itself, and never reads the clock. These tests read the
 * source with the TypeScript parser (so comments and strings cannot fool them) and fail on any breach.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const DOMAIN = resolve(__dirname, '..', '..', 'src', 'domain');

interface Finding {
  line: number;
  text: string;
}

function domainFiles(dir: string = DOMAIN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return domainFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

function parse(fileName: string, source: string): ts.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function lineOf(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** Every module specifier the file imports, exports from or requires, static or dynamic. */
function moduleSpecifiers(file: ts.SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const add = (expression: ts.Node | undefined, at: ts.Node) => {
    if (expression && ts.isStringLiteralLike(expression))
      found.push({ specifier: expression.text, line: lineOf(file, at) });
    else if (expression)
      found.push({ specifier: `<computed: ${expression.getText(file)}>`, line: lineOf(file, at) });
  };
  walk(file, (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier, node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal, node);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isRequireResolve =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'require';
      if (callee.kind === ts.SyntaxKind.ImportKeyword || isRequire || isRequireResolve)
        add(node.arguments[0], node);
    }
  });
  return found;
}

/** Imports that leave the domain: anything but a relative path that resolves inside src/domain. */
function forbiddenImports(fileName: string, source: string): Finding[] {
  const file = parse(fileName, source);
  return moduleSpecifiers(file)
    .filter(({ specifier }) => {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return true;
      const target = resolve(dirname(fileName), specifier);
      return target !== DOMAIN && !target.startsWith(DOMAIN + sep);
    })
    .map(({ specifier, line }) => ({ line, text: specifier }));
}

/** Reads of the clock: `new Date()` with no arguments, `Date()` and `Date.now()`. */
function clockReads(fileName: string, source: string): Finding[] {
  const file = parse(fileName, source);
  const findings: Finding[] = [];
  const isDate = (node: ts.Node) =>
    (ts.isIdentifier(node) && node.text === 'Date') ||
    (ts.isPropertyAccessExpression(node) &&
      node.name.text === 'Date' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'globalThis');
  walk(file, (node) => {
    if (ts.isNewExpression(node) && isDate(node.expression) && (node.arguments?.length ?? 0) === 0) {
      findings.push({ line: lineOf(file, node), text: node.getText(file) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDateNow =
        ts.isPropertyAccessExpression(callee) && callee.name.text === 'now' && isDate(callee.expression);
      if (isDateNow || isDate(callee)) findings.push({ line: lineOf(file, node), text: node.getText(file) });
    }
  });
  return findings;
}

function report(check: (fileName: string, source: string) => Finding[]): string[] {
  return domainFiles().flatMap((path) =>
    check(path, readFileSync(path, 'utf8')).map((f) => `${relative(DOMAIN, path)}:${f.line} ${f.text}`),
  );
}

describe('the domain source', () => {
  test('when the domain folder is listed, then the checks below see every module in it', () => {
    const names = domainFiles().map((path) => relative(DOMAIN, path));

    expect(names).toEqual(
      expect.arrayContaining(['dates.ts', 'plan.ts', 'plan-import.ts', 'import-changes.ts', 'validation.ts']),
    );
  });

  test('when its imports are read, then they are found (the parser is not silently seeing nothing)', () => {
    // plan.ts imports all three (plan-import.ts did until its date reading moved to plan-import-dates.ts).
    const source = readFileSync(join(DOMAIN, 'plan.ts'), 'utf8');

    const specifiers = moduleSpecifiers(parse(join(DOMAIN, 'plan.ts'), source)).map((s) => s.specifier);

    expect(specifiers).toEqual(expect.arrayContaining(['./dates', './errors', './validation']));
  });

  test('when every domain file is checked, then none imports a package, a built-in or a module outside src/domain', () => {
    expect(report(forbiddenImports)).toEqual([]);
  });

  test('when every domain file is checked, then none reads the clock (time is always injected)', () => {
    expect(report(clockReads)).toEqual([]);
  });
});

describe('forbiddenImports (the checker itself)', () => {
  const inDomain = join(DOMAIN, 'sample.ts');
  const inSubfolder = join(DOMAIN, 'reports', 'sample.ts');

  test.each([
    ["import { z } from 'zod';", 'zod'],
    ["import { readFile } from 'node:fs';", 'node:fs'],
    ["import { readFile } from 'fs';", 'fs'],
    ["import type { Stores } from '../usecases/ports';", '../usecases/ports'],
    ["import '../storage/azurite';", '../storage/azurite'],
    ["export { x } from '../storage/table-clients';", '../storage/table-clients'],
    ["export * from 'date-holidays';", 'date-holidays'],
    ["const crypto = require('node:crypto');", 'node:crypto'],
    ["import pino = require('pino');", 'pino'],
    ["const m = await import('express');", 'express'],
    ["type T = import('@azure/data-tables').TableClient;", '@azure/data-tables'],
    ["import { x } from '/abs/path/module';", '/abs/path/module'],
    ["import { x } from '../domain-evil/x';", '../domain-evil/x'],
  ])('when a domain file contains %p, then %p is reported', (source, specifier) => {
    expect(forbiddenImports(inDomain, source)).toEqual([{ line: 1, text: specifier }]);
  });

  test('when a file in a domain subfolder imports ../../config, then it is reported', () => {
    expect(forbiddenImports(inSubfolder, "import { config } from '../../config';")).toHaveLength(1);
  });

  test('when a domain file requires a computed path, then it is reported', () => {
    expect(forbiddenImports(inDomain, 'const m = require(name);')).toEqual([
      { line: 1, text: '<computed: name>' },
    ]);
  });

  test('when a breach is on a later line, then its line number is given', () => {
    const source = "import { a } from './a';\n\nimport { b } from 'lodash';\n";

    expect(forbiddenImports(inDomain, source)).toEqual([{ line: 3, text: 'lodash' }]);
  });

  test('when imports stay inside the domain, then nothing is reported', () => {
    const source = [
      "import { parseUkDate } from './dates';",
      "import type { Action } from './action';",
      "export { Checker } from './validation';",
      "import { x } from '../domain/dates';",
      "const lazy = () => import('./rating');",
    ].join('\n');

    expect(forbiddenImports(inDomain, source)).toEqual([]);
    expect(forbiddenImports(inSubfolder, "import { plan } from '../plan';")).toEqual([]);
  });

  test('when a package name appears only in a comment or a string, then nothing is reported', () => {
    const source = [
      "// import { z } from 'zod';",
      "/* const fs = require('fs'); */",
      'const hint = "require(\'node:fs\') is not allowed";',
    ].join('\n');

    expect(forbiddenImports(inDomain, source)).toEqual([]);
  });
});

describe('clockReads (the checker itself)', () => {
  const inDomain = join(DOMAIN, 'sample.ts');

  test.each([
    ['const now = new Date();', 'new Date()'],
    ['const now = new Date;', 'new Date'],
    ['const ms = Date.now();', 'Date.now()'],
    ['const text = Date();', 'Date()'],
    ['const ms = globalThis.Date.now();', 'globalThis.Date.now()'],
    ['const d = new globalThis.Date();', 'new globalThis.Date()'],
    ['function today() {\n  return new Date(Date.now());\n}', 'Date.now()'],
  ])('when a domain file contains %j, then %j is reported', (source, text) => {
    expect(clockReads(inDomain, source).map((f) => f.text)).toEqual([text]);
  });

  test('when the clock is read on a later line, then its line number is given', () => {
    const source = "const a = 1;\nconst b = 'x';\nconst now = new Date();\n";

    expect(clockReads(inDomain, source)).toEqual([{ line: 3, text: 'new Date()' }]);
  });

  test('when dates are built from injected or fixed values, then nothing is reported', () => {
    const source = [
      'const a = new Date(Date.UTC(2024, 0, 1));',
      "const b = new Date('2024-01-01T00:00:00Z');",
      'const c = new Date(now.getTime());',
      "const d = Date.parse('2024-01-01');",
      'function f(now: Date): string { return now.toISOString(); }',
      'const e = clock.now();',
    ].join('\n');

    expect(clockReads(inDomain, source)).toEqual([]);
  });

  test('when the clock is mentioned only in a comment or a string, then nothing is reported', () => {
    const source = [
      '// never call new Date() or Date.now() here',
      "const hint = 'Date.now() is banned';",
    ].join('\n');

    expect(clockReads(inDomain, source)).toEqual([]);
  });
});
