/** One entry of DVLA's `errors` array, with `status` as text, as DVLA documents it. */
export interface DvlaErrorEntry {
  status: string;
  code: string;
  title: string;
  detail: string;
}

/**
 * The error answers of the Vehicle Enquiry Service, by HTTP status: texts as DVLA's test
 * environment gives them for its test registrations (ENQ103 for a bad format, "Vehicle Not
 * Found", "System currently down for maintenance").
 */
export const ERROR_ANSWERS: Readonly<Record<number, DvlaErrorEntry>> = {
  400: {
    status: '400',
    code: 'ENQ103',
    title: 'Bad Request',
    detail: 'Invalid format for field - vehicle registration number',
  },
  401: {
    status: '401',
    code: '401',
    title: 'Unauthorized',
    detail: 'No x-api-key header was sent',
  },
  403: {
    status: '403',
    code: '403',
    title: 'Forbidden',
    detail: 'The x-api-key is not valid for this service',
  },
  404: {
    status: '404',
    code: '404',
    title: 'Vehicle Not Found',
    detail: 'Record for vehicle not found',
  },
  429: {
    status: '429',
    code: '429',
    title: 'Too Many Requests',
    detail: 'The request rate or quota for this API key has been exceeded',
  },
  500: {
    status: '500',
    code: '500',
    title: 'Internal Server Error',
    detail: 'The service failed to process the request',
  },
  503: {
    status: '503',
    code: '503',
    title: 'System currently down for maintenance',
    detail: 'The service is unavailable; try again later',
  },
};

/** DVLA's documented test registrations and the status each always answers with. */
export const TEST_REGISTRATIONS: Readonly<Record<string, number>> = {
  ER19BAD: 400,
  ER19NFD: 404,
  ER19THR: 429,
  ER19ERR: 500,
  ER19MNT: 503,
};

export type StatusType = 'string' | 'number';

/** The error body for a status: DVLA's entry, or a generic one for a status it does not list. */
export function errorBody(status: number, statusAs: StatusType): { errors: unknown[] } {
  const entry = ERROR_ANSWERS[status] ?? {
    status: String(status),
    code: String(status),
    title: 'Error',
    detail: `HTTP ${status}`,
  };
  return { errors: [{ ...entry, status: statusAs === 'number' ? status : entry.status }] };
}
