import { createLogger } from '@joinedup/logging';
import { Logger as TypeOrmLogger } from 'typeorm';

const log = createLogger('TypeOrm');

/**
 * Sends TypeORM's own messages to the project's JSON logs, and drops what could carry
 * personal data: query parameters are never logged, and failed queries reach the caller as
 * a PersistenceError instead. Without it TypeORM prints migration failures with console.log.
 */
export class TypeOrmLogAdapter implements TypeOrmLogger {
  logQuery(): void {}

  logQueryError(): void {}

  logQuerySlow(time: number, query: string): void {
    log.warn('slow query', { durationMs: time, query });
  }

  logSchemaBuild(message: string): void {
    log.debug('schema build', { detail: message });
  }

  logMigration(message: string): void {
    log.info('migration', { detail: message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') log.warn('typeorm warning', { detail: String(message) });
    else log.debug('typeorm message', { detail: String(message) });
  }
}
