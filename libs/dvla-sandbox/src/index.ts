export { DvlaSandbox, startDvlaSandbox } from './dvla-sandbox';
export type { DvlaSandboxOptions } from './dvla-sandbox';
export type { FaultPlan } from './sandbox-faults';
export type { SandboxRequest } from './sandbox-request-log';
export {
  loadSandboxVehicles,
  defaultVehiclesFile,
  resolveVehicle,
  resolveDate,
  VEHICLES_FILE_ENV,
} from './sandbox-vehicles';
export type { SandboxVehicle } from './sandbox-vehicles';
export { ERROR_ANSWERS, TEST_REGISTRATIONS, errorBody } from './dvla-error-answers';
export type { DvlaErrorEntry, StatusType } from './dvla-error-answers';
export { dvlaSandboxSettings, sandboxOptionsFrom } from './dvla-sandbox.settings';
export type { DvlaSandboxConfig } from './dvla-sandbox.settings';
