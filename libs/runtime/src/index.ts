export { runMain } from './run-main';
export type { Stoppable } from './run-main';
