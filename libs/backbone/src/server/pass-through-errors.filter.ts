import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands a handler's error back to the transport as it was thrown. Nest's default filter for
 * microservices replaces every error that is not an RpcException by "Internal server error",
 * which would hide exactly what the retry and dead-letter policy must classify.
 */
@Catch()
export class PassThroughErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
