/**
 * Builds the Teams app package: manifest/manifest.template.json with its {{PLACEHOLDERS}} filled,
 * plus the two icons, zipped flat (Teams wants every file at the root of the zip).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';

/** Used when no MicrosoftAppId is configured, so a package can still be built and checked locally. */
export const LOCAL_APP_ID = '00000000-0000-4000-8000-000000000000';

export const TEMPLATE_FILE = 'manifest.template.json';
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

export interface ManifestValues {
  MicrosoftAppId: string;
  PUBLIC_HOSTNAME: string;
  version: string;
}

export interface PackageValues extends Omit<ManifestValues, 'MicrosoftAppId'> {
  /** Unset for local use: LOCAL_APP_ID is used instead, with a warning. */
  MicrosoftAppId?: string | undefined;
}

export interface BuildOptions {
  /** Where the template and icons are; defaults to <project root>/manifest. */
  manifestDir?: string;
  /** Told about the local placeholder app id; defaults to console.warn. */
  warn?: (message: string) => void;
}

/**
 * The directory holding the project's package.json, found by walking up from this file. Works the
 * same from src/app-package (jest, ts tools) and from dist/src/app-package (after `tsc`).
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json found above ${start}`);
    dir = parent;
  }
}

export function defaultManifestDir(): string {
  return join(findProjectRoot(), 'manifest');
}

/** The app's version, from the project's package.json. */
export function projectVersion(): string {
  const pkg = JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof pkg.version !== 'string') throw new Error('package.json has no version');
  return pkg.version;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Parses the template and replaces every {{NAME}} inside its string values. Substitution happens
 * after parsing, so a value can never break the JSON. A placeholder with no value is an error.
 */
export function fillManifest(template: string, values: ManifestValues): object {
  const known: Record<string, string> = { ...values };
  const missing = new Set<string>();
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = Object.hasOwn(known, name) ? known[name] : undefined;
      if (value === undefined || value === '') {
        missing.add(name);
        return whole;
      }
      return value;
    });
  const filled = mapStrings(JSON.parse(template) as unknown, fill);
  if (missing.size > 0) {
    throw new Error(`the manifest template needs a value for ${[...missing].join(', ')}`);
  }
  if (typeof filled !== 'object' || filled === null || Array.isArray(filled)) {
    throw new Error('the manifest template must be a JSON object');
  }
  return filled;
}

function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, fn)]));
  }
  return value;
}

/** The configured app id, or LOCAL_APP_ID (with a warning) when there is none. */
export function resolveAppId(appId: string | undefined, warn: (message: string) => void): string {
  if (appId) return appId;
  warn(
    `MicrosoftAppId is not set, so the package uses the local placeholder app id ${LOCAL_APP_ID}. ` +
      'It is fine for checking the package locally, but Teams cannot reach a bot with it: set ' +
      'MicrosoftAppId (and PUBLIC_HOSTNAME) before uploading the package to Teams.',
  );
  return LOCAL_APP_ID;
}

/** Same timestamp on every entry, so the same inputs always give the same zip. */
const ZIP_DATE = new Date(2024, 0, 1);

/** The app package as zip bytes: manifest.json, color.png and outline.png at the root. */
export async function buildAppPackage(values: PackageValues, options: BuildOptions = {}): Promise<Buffer> {
  const dir = options.manifestDir ?? defaultManifestDir();
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const manifest = fillManifest(readFileSync(join(dir, TEMPLATE_FILE), 'utf8'), {
    MicrosoftAppId: resolveAppId(values.MicrosoftAppId, warn),
    PUBLIC_HOSTNAME: values.PUBLIC_HOSTNAME,
    version: values.version,
  });
  const zip = new JSZip();
  const add = (name: string, content: string | Buffer) => zip.file(name, content, { date: ZIP_DATE });
  add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  add('color.png', readFileSync(join(dir, 'color.png')));
  add('outline.png', readFileSync(join(dir, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export interface AppPackageContents {
  manifest: object;
  /** Every file in the zip by its path, manifest.json included. */
  files: Map<string, Buffer>;
}

/** Opens a package zip, for checking what was actually written. */
export async function readAppPackage(zipBytes: Buffer): Promise<AppPackageContents> {
  const zip = await JSZip.loadAsync(zipBytes);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) throw new Error('the package has no manifest.json at its root');
  return { manifest: JSON.parse(manifestBytes.toString('utf8')) as object, files };
}
