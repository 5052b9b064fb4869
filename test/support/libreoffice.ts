/**
 * LibreOffice headless, to prove a generated document opens: it converts the file to PDF in its own
 * folder, with a throwaway profile there so parallel runs do not share (and lock) one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

export const SOFFICE = '/usr/bin/soffice';
export const hasLibreOffice = existsSync(SOFFICE);

/** Converts `input` to PDF in `dir`; the exit status, and the PDF's path there. */
export function convertToPdf(input: string, dir: string): { status: number | null; pdfPath: string } {
  const result = spawnSync(
    SOFFICE,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      input,
    ],
    { encoding: 'utf8', timeout: 90_000 },
  );
  return { status: result.status, pdfPath: join(dir, basename(input).replace(/\.[^.]+$/, '.pdf')) };
}
