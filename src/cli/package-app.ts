/**
 * `npm run package`: builds the Teams app package appPackage/action-tracker.zip from
 * manifest/manifest.template.json, filled from the configuration (MicrosoftAppId, PUBLIC_HOSTNAME)
 * and package.json's version, then checks what it built before writing it.
 * Exit codes: 0 written, 1 configuration or package not valid (nothing written).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig, loadDotEnv } from '../app/config';
import {
  buildAppPackage,
  findProjectRoot,
  LOCAL_APP_ID,
  projectVersion,
  readAppPackage,
} from '../app-package/build-app-package';
import { schemaFileFor, validateManifest } from '../app-package/validate-manifest';
import { runAsProgram } from './output';

export const PACKAGE_PATH = join('appPackage', 'action-tracker.zip');

export async function packageApp(print: (text: string) => void): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const root = findProjectRoot();
  const zip = await buildAppPackage(
    {
      MicrosoftAppId: config.MicrosoftAppId,
      PUBLIC_HOSTNAME: config.PUBLIC_HOSTNAME,
      version: projectVersion(),
    },
    { warn: (message) => print(`Warning: ${message}`) },
  );

  // Check the zip itself, so what is validated is exactly what would be uploaded.
  const { manifest, files } = await readAppPackage(zip);
  const problems = await validateManifest(manifest, { files });
  const { manifestVersion, id, version } = manifest as {
    manifestVersion: string;
    id: string;
    version: string;
  };
  if (problems.length > 0) {
    print(`The app package is not valid, so nothing was written. ${problems.length} problem(s):`);
    for (const problem of problems) print(`  ${problem}`);
    return 1;
  }

  const out = join(root, PACKAGE_PATH);
  mkdirSync(join(root, 'appPackage'), { recursive: true });
  writeFileSync(out, zip);
  print(`Wrote ${relative(process.cwd(), out) || out} (${zip.length} bytes)`);
  for (const [name, bytes] of files) print(`  ${name.padEnd(14)} ${bytes.length} bytes`);
  print(`  app id         ${id}${id === LOCAL_APP_ID ? ' (local placeholder)' : ''}`);
  print(`  host name      ${config.PUBLIC_HOSTNAME}`);
  print(`  app version    ${version}`);
  print(
    `Valid against Teams manifest schema ${manifestVersion} (${relative(root, schemaFileFor(manifestVersion))})`,
  );
  print('and the Teams rules it does not cover (icons, command lists, version, URLs).');
  return 0;
}

if (require.main === module) runAsProgram(packageApp);
