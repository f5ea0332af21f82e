/** The transport id of JoinedUpServer: @HandleEvent handlers bind to it and to no other server. */
export const JOINEDUP_TRANSPORT = Symbol('JOINEDUP_TRANSPORT');

/** Where @HandleEvent keeps its options among Nest's pattern extras. */
export const HANDLER_OPTIONS_KEY = 'joinedup.handler';
