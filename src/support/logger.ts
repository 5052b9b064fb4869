import pino, { type Logger } from 'pino';
import { currentCorrelation } from './correlation';

export type { Logger };

/**
 * Structured JSON logs. Redaction is a safety net: the code never logs notes, tokens or secrets,
 * and these paths catch them if a future change tries.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'action-tracker' },
      // Every line written while a request or turn is handled carries its correlation id.
      mixin: () => ({ ...currentCorrelation() }),
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
    },
    destination,
  );
}
