import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Redaction is a safety net: the code never logs notes, tokens or secrets,
 * and these paths catch them if a future change tries.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'action-tracker' },
    redact: {
      paths: [
        '*.note',
        '*.notes',
        '*.password',
        '*.token',
        '*.authorization',
        '*.connectionString',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
