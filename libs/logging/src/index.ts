export { Logger, createLogger, setLogLevel, setLogSink } from './logger';
export type { LogContext, LogLevel, LogSink } from './logger';
