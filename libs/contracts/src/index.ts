export { InvalidIdentifierError } from './identifiers/invalid-identifier.error';
export { validateUprn, validateUsrn } from './identifiers/property-reference.validator';
export { validateGssCode } from './identifiers/gss-code.validator';
export { validatePostcode } from './identifiers/postcode.validator';
export {
  parseRegistrationMark,
  validateRegistrationMark,
} from './identifiers/registration-mark.validator';
export type {
  RegistrationMark,
  RegistrationMarkFormat,
} from './identifiers/registration-mark.validator';
export { nhsNumberCheckDigit, validateNhsNumber } from './identifiers/nhs-number.validator';
export { validateNationalInsuranceNumber } from './identifiers/national-insurance-number.validator';
export { validateDrivingLicenceNumber } from './identifiers/driving-licence-number.validator';

export { pseudonymise, pseudonymKeyFromEnv, PSEUDONYM_KEY_ENV } from './pseudonym/pseudonymise';
export { deriveSubjectKey } from './pseudonym/derive-subject-key';

export * from './tooling';

export * from './generated';

export { registerContracts, ContractRegistrationError } from './registration/register-contracts';
export type { RegisteredContract } from './registration/register-contracts';
