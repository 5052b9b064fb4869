/**
 * Checks a filled Teams manifest offline, in two layers:
 *
 * 1. The official JSON schema for its manifestVersion, read from the copy that
 *    @microsoft/app-manifest ships (build/json-schemas/teams/v<version>/MicrosoftTeams.schema.json),
 *    compiled with the same validator and options that package's AppManifestUtils.validateAgainstSchema
 *    uses: ajv-draft-04 with ajv-formats (uri, email, regex), allErrors, strictTypes off.
 *    We do not call AppManifestUtils itself: its module loads an ES-module-only dependency
 *    (strip-bom 5), which Jest cannot load and Node only loads from 20.19.
 * 2. Rules Teams enforces that the schema does not: the icons exist, are PNGs of the right size,
 *    the outline icon is white on transparent only; at most 10 commands per command list; a
 *    MAJOR.MINOR.PATCH version; https URLs; bare host names in validDomains; no {{PLACEHOLDER}} left.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { defaultManifestDir } from './build-app-package';
import { decodePng, type RgbaImage } from './png';

export const MAX_COMMANDS_PER_LIST = 10;

const ICON_SIZES: Record<string, number> = { color: 192, outline: 32, color32x32: 32 };

export interface ValidateOptions {
  /**
   * Where to find the files the manifest names (icons), by their relative path. Either a map (for
   * example the contents of a package zip) or a directory; defaults to the project's manifest/.
   */
  files?: ReadonlyMap<string, Buffer> | string;
}

/** The schema file @microsoft/app-manifest ships for a manifestVersion such as "1.30". */
export function schemaFileFor(manifestVersion: string): string {
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  return join(packageDir, 'build', 'json-schemas', 'teams', folder, 'MicrosoftTeams.schema.json');
}

const compiled = new Map<string, ValidateFunction>();

function schemaValidator(manifestVersion: string): ValidateFunction {
  const cached = compiled.get(manifestVersion);
  if (cached) return cached;
  const file = schemaFileFor(manifestVersion);
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion) || !existsSync(file)) {
    throw new Error(`@microsoft/app-manifest has no schema for manifestVersion "${manifestVersion}"`);
  }
  // The same clean-up AppManifestUtils.fetchSchema applies: some schema versions contain "\a" and
  // "\v" escapes inside regular expressions, which are not valid JSON.
  const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const ajv = new Ajv04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(JSON.parse(text) as object);
  compiled.set(manifestVersion, validate);
  return validate;
}

function describeSchemaError(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  let detail = '';
  if (params.additionalProperty !== undefined) detail = ` ("${params.additionalProperty}")`;
  if (params.allowedValues !== undefined) detail = ` (${params.allowedValues.map(String).join(', ')})`;
  return `${error.instancePath || '/'}: ${error.message ?? 'is not valid'}${detail} [schema]`;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Every problem found, as readable lines; an empty array means the manifest is valid. */
export async function validateManifest(manifest: object, options: ValidateOptions = {}): Promise<string[]> {
  const data = JSON.parse(JSON.stringify(manifest)) as unknown;
  if (!isObject(data)) return ['/: the manifest must be a JSON object'];
  const problems: string[] = [];

  const manifestVersion = data.manifestVersion;
  if (typeof manifestVersion !== 'string') {
    problems.push('/manifestVersion: is required, for example "1.30"');
  } else {
    try {
      const validate = schemaValidator(manifestVersion);
      if (!validate(data)) problems.push(...(validate.errors ?? []).map(describeSchemaError));
    } catch (error) {
      problems.push(`/manifestVersion: ${(error as Error).message}`);
    }
  }

  problems.push(...placeholderProblems(data));
  problems.push(...versionProblems(data));
  problems.push(...commandListProblems(data));
  problems.push(...urlProblems(data));
  problems.push(...iconProblems(data, fileReader(options.files)));
  return problems;
}

function placeholderProblems(data: unknown, path = ''): string[] {
  if (typeof data === 'string') {
    const left = data.match(/\{\{[^}]*\}\}/g);
    return left ? [`${path || '/'}: placeholder ${left.join(', ')} was not filled`] : [];
  }
  if (Array.isArray(data)) return data.flatMap((item, i) => placeholderProblems(item, `${path}/${i}`));
  if (isObject(data)) {
    return Object.entries(data).flatMap(([key, item]) => placeholderProblems(item, `${path}/${key}`));
  }
  return [];
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function versionProblems(data: Json): string[] {
  const version = data.version;
  if (typeof version !== 'string') return []; // the schema reports a missing version
  return SEMVER.test(version)
    ? []
    : [`/version: "${version}" is not a MAJOR.MINOR.PATCH version such as 1.0.0, which Teams requires`];
}

function commandListProblems(data: Json): string[] {
  const problems: string[] = [];
  asArray(data.bots).forEach((bot, b) => {
    if (!isObject(bot)) return;
    const scopesSeen = new Set<string>();
    asArray(bot.commandLists).forEach((list, l) => {
      if (!isObject(list)) return;
      const path = `/bots/${b}/commandLists/${l}`;
      const commands = asArray(list.commands);
      if (commands.length > MAX_COMMANDS_PER_LIST) {
        problems.push(
          `${path}/commands: has ${commands.length} commands; Teams shows at most ${MAX_COMMANDS_PER_LIST} per list`,
        );
      }
      const titles = new Set<string>();
      for (const command of commands) {
        const title =
          isObject(command) && typeof command.title === 'string' ? command.title.toLowerCase() : '';
        if (title && titles.has(title)) problems.push(`${path}/commands: "${title}" is listed twice`);
        titles.add(title);
      }
      for (const scope of asArray(list.scopes)) {
        if (typeof scope !== 'string') continue;
        if (scopesSeen.has(scope)) problems.push(`${path}/scopes: "${scope}" already has a command list`);
        scopesSeen.add(scope);
      }
    });
  });
  return problems;
}

function urlProblems(data: Json): string[] {
  const problems: string[] = [];
  const mustBeHttps = (path: string, value: unknown) => {
    if (typeof value === 'string' && !/^https:\/\//i.test(value)) {
      problems.push(`${path}: "${value}" must be an https:// URL`);
    }
  };
  if (isObject(data.developer)) {
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      mustBeHttps(`/developer/${key}`, data.developer[key]);
    }
  }
  asArray(data.staticTabs).forEach((tab, i) => {
    if (!isObject(tab)) return;
    mustBeHttps(`/staticTabs/${i}/contentUrl`, tab.contentUrl);
    mustBeHttps(`/staticTabs/${i}/websiteUrl`, tab.websiteUrl);
  });
  asArray(data.configurableTabs).forEach((tab, i) => {
    if (isObject(tab)) mustBeHttps(`/configurableTabs/${i}/configurationUrl`, tab.configurationUrl);
  });
  asArray(data.validDomains).forEach((domain, i) => {
    if (typeof domain === 'string' && /[/\s]|:\/\//.test(domain)) {
      problems.push(`/validDomains/${i}: "${domain}" must be a bare host name, without scheme or path`);
    }
  });
  return problems;
}

type FileReader = (path: string) => Buffer | undefined;

function fileReader(files: ValidateOptions['files']): FileReader {
  if (files !== undefined && typeof files !== 'string') return (path) => files.get(path);
  const dir = files ?? defaultManifestDir();
  return (path) => {
    const full = join(dir, path);
    return existsSync(full) ? readFileSync(full) : undefined;
  };
}

function iconProblems(data: Json, read: FileReader): string[] {
  if (!isObject(data.icons)) return []; // the schema reports missing icons
  const problems: string[] = [];
  for (const [key, size] of Object.entries(ICON_SIZES)) {
    const path = data.icons[key];
    if (typeof path !== 'string') continue;
    const where = `/icons/${key}`;
    const bytes = read(path);
    if (!bytes) {
      problems.push(`${where}: "${path}" is not in the package`);
      continue;
    }
    try {
      const image = decodePng(bytes);
      const { width, height } = image;
      if (width !== size || height !== size) {
        problems.push(`${where}: "${path}" is ${width}×${height} pixels; Teams needs ${size}×${size}`);
      }
      if (key === 'outline') problems.push(...outlineColourProblems(where, path, image));
    } catch (error) {
      problems.push(`${where}: "${path}" cannot be read as a PNG: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Teams requires the outline icon to be white on a transparent background, nothing else. */
function outlineColourProblems(where: string, path: string, { width, pixels }: RgbaImage): string[] {
  let wrong = 0;
  let first = '';
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
    if (a === 0 || (r === 255 && g === 255 && b === 255)) continue;
    if (wrong === 0) {
      const p = i / 4;
      first = ` (first at x=${p % width}, y=${Math.floor(p / width)}: rgba(${r}, ${g}, ${b}, ${a}))`;
    }
    wrong++;
  }
  const transparent = pixels.some((_, i) => i % 4 === 3 && pixels[i] === 0);
  const problems: string[] = [];
  if (wrong > 0) {
    problems.push(`${where}: "${path}" has ${wrong} pixels that are neither white nor transparent${first}`);
  }
  if (!transparent) problems.push(`${where}: "${path}" has no transparent background`);
  return problems;
}
