/**
 * Structured JSON logging: a fixed message plus a context object, one line per event.
 * Context must never carry personal data; callers pseudonymise keys before logging them.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSink {
  write(line: string): void;
}

const stdoutSink: LogSink = { write: (line) => process.stdout.write(line) };

let threshold: LogLevel = parseLevel(process.env.JOINEDUP_LOG_LEVEL);
let sink: LogSink = stdoutSink;

function parseLevel(value: string | undefined): LogLevel {
  return value !== undefined && value in LEVEL_RANK ? (value as LogLevel) : 'info';
}

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Redirects every logger, for tests that assert on what was logged. */
export function setLogSink(next: LogSink | undefined): void {
  sink = next ?? stdoutSink;
}

export class Logger {
  constructor(
    readonly name: string,
    private readonly base: LogContext = {},
  ) {}

  child(context: LogContext): Logger {
    return new Logger(this.name, { ...this.base, ...context });
  }

  debug(message: string, context?: LogContext): void {
    this.log('debug', message, context);
  }

  info(message: string, context?: LogContext): void {
    this.log('info', message, context);
  }

  warn(message: string, context?: LogContext): void {
    this.log('warn', message, context);
  }

  error(message: string, context?: LogContext): void {
    this.log('error', message, context);
  }

  private log(level: LogLevel, message: string, context?: LogContext): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[threshold]) return;
    const entry = {
      time: new Date().toISOString(),
      level,
      logger: this.name,
      msg: message,
      ...this.base,
      ...serialiseErrors(context),
    };
    sink.write(JSON.stringify(entry) + '\n');
  }
}

function serialiseErrors(context: LogContext | undefined): LogContext {
  if (!context) return {};
  const out: LogContext = {};
  for (const [key, value] of Object.entries(context)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  }
  return out;
}

export function createLogger(name: string, context?: LogContext): Logger {
  return new Logger(name, context);
}
