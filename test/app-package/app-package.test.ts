import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildAppPackage,
  fillManifest,
  findProjectRoot,
  LOCAL_APP_ID,
  type ManifestValues,
  projectVersion,
  readAppPackage,
} from '../../src/app-package/build-app-package';
import { decodePng, PngError } from '../../src/app-package/png';
import { schemaFileFor, validateManifest } from '../../src/app-package/validate-manifest';

const ROOT = join(__dirname, '..', '..');
const MANIFEST_DIR = join(ROOT, 'manifest');
const TEMPLATE = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');

const VALUES: ManifestValues = {
  MicrosoftAppId: '3f2a6c1e-8b4d-4e7a-9c2f-1d5e8a7b6c40',
  PUBLIC_HOSTNAME: 'action-tracker.example.org',
  version: '0.1.0',
};

type Manifest = {
  manifestVersion: string;
  id: string;
  version: string;
  name?: { short: string };
  icons: { color: string; outline: string };
  bots: { botId: string; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  developer: { privacyUrl: string };
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  staticTabs: { entityId: string; contentUrl: string }[];
  configurableTabs: { configurationUrl: string }[];
};

const filled = (values: ManifestValues = VALUES) => fillManifest(TEMPLATE, values) as Manifest;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the manifest template, filled', () => {
  it('uses the newest Teams manifest schema that @microsoft/app-manifest ships', () => {
    const manifest = filled();
    expect(manifest.manifestVersion).toBe('1.30');
    expect(schemaFileFor(manifest.manifestVersion)).toMatch(
      /teams[/\\]v1\.30[/\\]MicrosoftTeams\.schema\.json$/,
    );
  });

  it('validates against the official schema, and the Teams rules, with no errors', async () => {
    expect(await validateManifest(filled())).toEqual([]);
  });

  it('also validates with the local placeholder app id and the default host name', async () => {
    const local = filled({
      MicrosoftAppId: LOCAL_APP_ID,
      PUBLIC_HOSTNAME: 'localhost:3978',
      version: '0.1.0',
    });
    expect(await validateManifest(local)).toEqual([]);
  });

  it('fills every placeholder with the values given', () => {
    const manifest = filled();
    const text = JSON.stringify(manifest);
    expect(text).not.toMatch(/\{\{|[A-Z_a-z]\}\}/);
    expect(manifest.id).toBe(VALUES.MicrosoftAppId);
    expect(manifest.bots[0]?.botId).toBe(VALUES.MicrosoftAppId);
    expect(manifest.webApplicationInfo).toEqual({
      id: VALUES.MicrosoftAppId,
      resource: `api://action-tracker.example.org/${VALUES.MicrosoftAppId}`,
    });
    // The dashboard: a personal tab, and a tab a team or chat can add (configured with a plan).
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({
        entityId: 'dashboard',
        contentUrl: 'https://action-tracker.example.org/tab',
      }),
    ]);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: 'https://action-tracker.example.org/tab/configure' }),
    ]);
    expect(manifest.developer.privacyUrl).toBe('https://action-tracker.example.org/privacy');
    expect(manifest.validDomains).toEqual(['action-tracker.example.org']);
    expect(manifest.version).toBe('0.1.0');
  });

  it('cannot be broken by a value containing JSON syntax', () => {
    const manifest = filled({ ...VALUES, PUBLIC_HOSTNAME: 'a"b},{' });
    expect(manifest.validDomains).toEqual(['a"b},{']);
  });

  it('refuses to leave a placeholder unfilled', () => {
    expect(() => fillManifest('{"id": "{{MicrosoftAppId}}", "x": "{{NOT_A_SETTING}}"}', VALUES)).toThrow(
      /needs a value for NOT_A_SETTING/,
    );
    expect(() => fillManifest(TEMPLATE, { ...VALUES, version: '' })).toThrow(/needs a value for version/);
  });

  it('offers at most 10 commands per list, with every command the bot understands in personal chat', () => {
    const lists = filled().bots[0]?.commandLists ?? [];
    for (const list of lists) expect(list.commands.length).toBeLessThanOrEqual(10);
    const personal = lists.find((list) => list.scopes.includes('personal'));
    expect(personal?.commands.map((c) => c.title)).toEqual([
      'help',
      'mine',
      'show',
      'update',
      'summary',
      'overdue',
      'due',
      'list',
      'history',
      'owners',
    ]);
  });
});

describe('validateManifest finds what is wrong', () => {
  it('reports a missing name and a bot id that is not a GUID, from the schema', async () => {
    const broken = clone(filled());
    delete broken.name;
    broken.bots[0]!.botId = 'action-tracker-bot';
    const problems = await validateManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/: must have required property 'name'/),
        expect.stringMatching(/^\/bots\/0\/botId: must match pattern/),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('reports unknown properties and a manifestVersion it has no schema for', async () => {
    const extra = { ...filled(), colour: 'teal' };
    expect(await validateManifest(extra)).toEqual([
      expect.stringMatching(/must NOT have additional properties \("colour"\)/),
    ]);
    const future = { ...filled(), manifestVersion: '9.99' };
    expect(await validateManifest(future)).toContainEqual(
      expect.stringMatching(/no schema for manifestVersion "9.99"/),
    );
  });

  it('reports the Teams rules the schema does not cover', async () => {
    const manifest = clone(filled());
    manifest.version = '1.0';
    const personal = manifest.bots[0]!.commandLists[0]!;
    personal.commands.push({ title: 'plan' }, { title: 'help' });
    manifest.developer.privacyUrl = 'http://action-tracker.example.org/privacy';
    manifest.validDomains = ['https://action-tracker.example.org'];
    manifest.webApplicationInfo.resource = 'api://{{PUBLIC_HOSTNAME}}/x';
    const problems = await validateManifest(manifest);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/version: "1.0" is not a MAJOR.MINOR.PATCH version/),
        expect.stringMatching(
          /^\/bots\/0\/commandLists\/0\/commands: has 12 commands; Teams shows at most 10/,
        ),
        expect.stringMatching(/"help" is listed twice/),
        expect.stringMatching(/^\/developer\/privacyUrl: .* must be an https:\/\/ URL/),
        expect.stringMatching(/^\/validDomains\/0: .* must be a bare host name/),
        expect.stringMatching(
          /^\/webApplicationInfo\/resource: placeholder \{\{PUBLIC_HOSTNAME\}\} was not filled/,
        ),
      ]),
    );
  });

  it('checks the icons: present, PNG, the right size, and a white-on-transparent outline', async () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    const manifest = filled();

    const swapped = await validateManifest(manifest, {
      files: new Map([
        ['color.png', outline],
        ['outline.png', color],
      ]),
    });
    expect(swapped).toEqual(
      expect.arrayContaining([
        '/icons/color: "color.png" is 32×32 pixels; Teams needs 192×192',
        '/icons/outline: "outline.png" is 192×192 pixels; Teams needs 32×32',
        expect.stringMatching(
          /^\/icons\/outline: "outline.png" has \d+ pixels that are neither white nor transparent/,
        ),
      ]),
    );

    const missing = await validateManifest(manifest, {
      files: new Map([['color.png', Buffer.from('GIF89a')]]),
    });
    expect(missing).toEqual([
      '/icons/color: "color.png" cannot be read as a PNG: not a PNG file',
      '/icons/outline: "outline.png" is not in the package',
    ]);

    const grey = png(32, 32, 6, () => [128, 128, 128, 255]);
    const greyOutline = await validateManifest(manifest, {
      files: new Map([
        ['color.png', color],
        ['outline.png', grey],
      ]),
    });
    expect(greyOutline).toEqual([
      '/icons/outline: "outline.png" has 1024 pixels that are neither white nor transparent (first at x=0, y=0: rgba(128, 128, 128, 255))',
      '/icons/outline: "outline.png" has no transparent background',
    ]);
  });
});

describe('the app package', () => {
  it('is a zip of exactly manifest.json, color.png and outline.png, at its root', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(VALUES));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('holds a filled, valid manifest and icons of 192 and 32 pixels', async () => {
    const { manifest, files } = await readAppPackage(await buildAppPackage(VALUES));
    expect([...files.get('manifest.json')!.toString('utf8').matchAll(/\{\{/g)]).toHaveLength(0);
    expect((manifest as Manifest).id).toBe(VALUES.MicrosoftAppId);
    expect(decodePng(files.get('color.png')!)).toMatchObject({ width: 192, height: 192 });
    expect(decodePng(files.get('outline.png')!)).toMatchObject({ width: 32, height: 32 });
    expect(await validateManifest(manifest, { files })).toEqual([]);
  });

  it('uses the local placeholder app id, and says so, when MicrosoftAppId is not configured', async () => {
    const warnings: string[] = [];
    const zip = await buildAppPackage(
      { PUBLIC_HOSTNAME: 'localhost:3978', version: '0.1.0' },
      { warn: (message) => warnings.push(message) },
    );
    const { manifest } = await readAppPackage(zip);
    expect((manifest as Manifest).id).toBe(LOCAL_APP_ID);
    expect(warnings).toEqual([expect.stringContaining(`local placeholder app id ${LOCAL_APP_ID}`)]);
  });

  it('is the same bytes for the same inputs', async () => {
    const quiet = { warn: () => undefined };
    expect((await buildAppPackage(VALUES, quiet)).equals(await buildAppPackage(VALUES, quiet))).toBe(true);
  });

  it('finds the project from the source tree and from the compiled layout under dist/src', () => {
    expect(findProjectRoot()).toBe(ROOT);
    expect(findProjectRoot(join(ROOT, 'dist', 'src', 'app-package'))).toBe(ROOT);
    expect(projectVersion()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });
});

describe('the icons', () => {
  it('are exactly what scripts/make-icons.js draws', () => {
    const icons = require('../../scripts/make-icons.js') as {
      drawColor(size: number): Buffer;
      drawOutline(size: number): Buffer;
    };
    expect(icons.drawColor(192).equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(icons.drawOutline(32).equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
  });

  it('decode through every PNG row filter and colour type the checker accepts', () => {
    const pixel = (x: number, y: number): [number, number, number, number] => [
      x * 40,
      y * 50,
      (x + y) * 20,
      255 - x * 10,
    ];
    for (const filter of [0, 1, 2, 3, 4]) {
      const image = decodePng(png(5, 4, 6, pixel, filter));
      expect(Array.from(image.pixels.subarray(4 * 7, 4 * 8))).toEqual(pixel(2, 1));
      expect(Array.from(image.pixels.subarray(4 * 19, 4 * 20))).toEqual(pixel(4, 3));
    }
    const greyAlpha = decodePng(png(2, 1, 4, (x) => [x ? 255 : 0, 0, 0, x ? 200 : 0]));
    expect(Array.from(greyAlpha.pixels)).toEqual([0, 0, 0, 0, 255, 255, 255, 200]);
  });

  it('when an icon is 16-bit (which Teams accepts), then it is read and checked like an 8-bit one', async () => {
    // 16-bit samples (0 or 65535): white, with every other pixel transparent.
    const data = new Uint16Array(32 * 32 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([65535, 65535, 65535, i % 8 ? 65535 : 0], i);
    const sixteenBit = PNG.sync.write({ width: 32, height: 32, data } as unknown as PNG, { bitDepth: 16 });
    expect(sixteenBit[24]).toBe(16); // the IHDR's bit depth
    expect(Array.from(decodePng(sixteenBit).pixels.subarray(0, 8))).toEqual([
      255, 255, 255, 0, 255, 255, 255, 255,
    ]);
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    const files = new Map([
      ['color.png', color],
      ['outline.png', sixteenBit],
    ]);
    expect(await validateManifest(filled(), { files })).toEqual([]);
  });

  it('when an icon is cut short or is not a PNG, then the reason says so', () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    expect(() => decodePng(color.subarray(0, color.length - 20))).toThrow(
      new PngError('the file ends too soon'),
    );
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(new PngError('not a PNG file'));
  });
});

describe('the official validator in @microsoft/app-manifest', () => {
  // AppManifestUtils loads an ES-module-only dependency, which Jest cannot load; plain Node can from
  // 20.19 (require of ES modules), so ask it in a child process to confirm our check agrees.
  const canRequireEsm =
    spawnSync(process.execPath, ['-p', 'process.features.require_module === true'], {
      encoding: 'utf8',
    }).stdout.trim() === 'true';
  const official = (manifest: object): string[] => {
    const script = `
      const { AppManifestUtils } = require('@microsoft/app-manifest');
      let input = '';
      process.stdin.on('data', (chunk) => (input += chunk));
      process.stdin.on('end', async () => {
        const errors = await AppManifestUtils.validateAgainstSchema(JSON.parse(input));
        process.stdout.write(JSON.stringify(errors));
      });`;
    const run = spawnSync(process.execPath, ['--no-warnings', '-e', script], {
      cwd: ROOT,
      input: JSON.stringify(manifest),
      encoding: 'utf8',
      timeout: 20_000,
    });
    if (run.status !== 0) throw new Error(`official validator failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as string[];
  };

  (canRequireEsm ? it : it.skip)('agrees: the filled manifest is valid and the broken one is not', () => {
    expect(official(filled())).toEqual([]);
    const broken = clone(filled());
    delete broken.name;
    broken.bots[0]!.botId = 'action-tracker-bot';
    expect(official(broken)).toEqual([
      expect.stringContaining("must have required property 'name'"),
      expect.stringMatching(/^\/bots\/0\/botId must match pattern/),
    ]);
  });
});

/** A tiny 8-bit PNG encoder for tests, applying one row filter type to every row. */
function png(
  width: number,
  height: number,
  colourType: 4 | 6,
  pixel: (x: number, y: number) => [number, number, number, number],
  filter = 0,
): Buffer {
  const channels = colourType === 6 ? 4 : 2;
  const stride = width * channels;
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row: number[] = [];
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      row.push(...(colourType === 6 ? [r, g, b, a] : [r, a]));
    }
    rows.push(row);
  }
  const paeth = (a: number, b: number, c: number) => {
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  };
  const raw: number[] = [];
  rows.forEach((row, y) => {
    raw.push(filter);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels]! : 0;
      const b = y > 0 ? rows[y - 1]![i]! : 0;
      const c = y > 0 && i >= channels ? rows[y - 1]![i - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
      raw.push((row[i]! - predictor) & 0xff);
    }
  });
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colourType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
