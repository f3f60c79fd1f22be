import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that could carry a credential is redacted by path, as a second
 * line of defence: no code path is meant to log one in the first place.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'confluent-subgraph' },
      redact: {
        paths: ['authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'apiSecret', '*.apiSecret'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
