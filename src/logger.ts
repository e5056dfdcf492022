/**
 * The process logger: pino JSON lines. Credentials, passwords and secrets are redacted by path as
 * a second line of defence; the code never logs them in the first place.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export function createLogger(level: LevelWithSilent = 'info'): Logger {
  return pino({
    level,
    base: { service: 'portal-graph' },
    redact: {
      paths: ['authorization', 'credential', 'password', 'secret', '*.authorization', '*.credential', '*.password', '*.secret', 'rawKey', '*.rawKey'],
      censor: '[redacted]',
    },
  });
}
