/**
 * Just enough of Bicep's syntax to check infra/ as text: there is no Bicep compiler on the machines the
 * tests run on. It understands comments, single-quoted strings, brackets, and the declarations the
 * infrastructure uses (param, var, resource, module, output); nothing more. In particular it does not
 * follow quotes nested inside an interpolation ('${f('x')}'): put such expressions in a variable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BicepParam {
  name: string;
  type: string;
  /** The default value's source text, when there is one. */
  defaultValue: string | undefined;
  /** Decorator names, such as description, secure, allowed. */
  decorators: string[];
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  /** The text between the resource's outer braces. */
  body: string;
}

export interface AppSetting {
  name: string;
  /** The value's source text: an expression such as storageTableEndpoint or 'info'. */
  value: string;
}

/** Index just past the string starting at `start` (a `'`), for '...' and '''...''' strings. */
function skipString(text: string, start: number): number {
  if (text.startsWith("'''", start)) {
    const end = text.indexOf("'''", start + 3);
    return end === -1 ? text.length : end + 3;
  }
  let i = start + 1;
  while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The text with comments blanked out, so a commented-out setting or property never counts. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end === -1 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, ' ');
      i = end === -1 ? text.length : end + 2;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** Opening minus closing brackets of any kind, outside strings. */
function bracketBalance(text: string): number {
  let balance = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === "'") {
      i = skipString(text, i) - 1;
    } else if ('([{'.includes(c)) {
      balance += 1;
    } else if (')]}'.includes(c)) {
      balance -= 1;
    }
  }
  return balance;
}

/** Index of the bracket closing the one at `open`, skipping strings. */
function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === "'") {
      i = skipString(text, i) - 1;
    } else if ('([{'.includes(c)) {
      depth += 1;
    } else if (')]}'.includes(c)) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced bracket at offset ${open}`);
}

/** Every .bicep file under `dir`, by path relative to it (with forward slashes), comments removed. */
export function readBicepTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.bicep')) {
      files.set(entry.split('\\').join('/'), stripComments(readFileSync(join(dir, entry), 'utf8')));
    }
  }
  return files;
}

/** Parameters with their decorators; a decorator may span several lines (@allowed([ ... ])). */
export function params(text: string): BicepParam[] {
  const found: BicepParam[] = [];
  let decorators: string[] = [];
  let open = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (open !== '') {
      open += ` ${line}`;
      if (bracketBalance(open) <= 0) {
        decorators.push(decoratorName(open));
        open = '';
      }
    } else if (line.startsWith('@')) {
      if (bracketBalance(line) > 0) open = line;
      else decorators.push(decoratorName(line));
    } else {
      const match = /^param\s+([A-Za-z_]\w*)\s+(\S+)(?:\s*=\s*(.+))?$/.exec(line);
      if (match) {
        found.push({ name: match[1]!, type: match[2]!, defaultValue: match[3], decorators });
        decorators = [];
      } else if (line !== '') {
        decorators = [];
      }
    }
  }
  return found;
}

function decoratorName(decorator: string): string {
  return /^@(?:sys\.)?(\w+)/.exec(decorator)?.[1] ?? decorator;
}

/** Resource declarations and their bodies; for a loop (`[for x in y: {`) the body of one element. */
export function resources(text: string): BicepResource[] {
  const found: BicepResource[] = [];
  const declaration = /^\s*resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s+(existing\s+)?=/gm;
  for (const match of text.matchAll(declaration)) {
    const open = text.indexOf('{', match.index + match[0].length);
    found.push({
      symbol: match[1]!,
      type: match[2]!,
      apiVersion: match[3]!,
      existing: match[4] !== undefined,
      body: text.slice(open + 1, matchingClose(text, open)),
    });
  }
  return found;
}

/** The declaration line of the resource `symbol`, which holds its loop or condition, if any. */
export function resourceHeader(text: string, symbol: string): string {
  const match = new RegExp(`^\\s*resource\\s+${symbol}\\s+[^\\n]*$`, 'm').exec(text);
  return match?.[0].trim() ?? '';
}

/** The value text of the first `key: value` line in a body (the first at any depth). */
export function property(body: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`, 'm').exec(body)?.[1];
}

/** Objects of the form `{ name: '<literal>' value: <expression> }`: App Service app settings. */
export function appSettings(text: string): AppSetting[] {
  return [...text.matchAll(/\{\s*name:\s*'([^']*)'\s*value:\s*([^\n]+?)\s*$/gm)].map((m) => ({
    name: m[1]!,
    value: m[2]!,
  }));
}

/** The string literals of `var <name> = [ ... ]`, or undefined when there is no such variable. */
export function stringArrayVar(text: string, name: string): string[] | undefined {
  const match = new RegExp(`^\\s*var\\s+${name}\\s*=\\s*\\[`, 'm').exec(text);
  if (!match) return undefined;
  const open = match.index + match[0].length - 1;
  const items = text.slice(open + 1, matchingClose(text, open));
  return [...items.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** Module paths, as written after `module <symbol>`. */
export function modulePaths(text: string): string[] {
  return [...text.matchAll(/^\s*module\s+\w+\s+'([^']+)'/gm)].map((m) => m[1]!);
}

/** Outputs by name, with their value's source text. */
export function outputs(text: string): Map<string, string> {
  return new Map(
    [...text.matchAll(/^\s*output\s+(\w+)\s+\S+\s*=\s*(.+?)\s*$/gm)].map((m) => [m[1]!, m[2]!] as const),
  );
}

/** Parameter names assigned in a .bicepparam file. */
export function bicepparamNames(text: string): string[] {
  return [...text.matchAll(/^\s*param\s+(\w+)\s*=/gm)].map((m) => m[1]!);
}
