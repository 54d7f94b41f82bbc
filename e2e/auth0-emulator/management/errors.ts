// Auth0's Management API error shape, `{statusCode, error, message, errorCode?}`, and the errors we answer.
import { STATUS_CODES } from "node:http";

export type Auth0ErrorBody = { statusCode: number; error: string; message: string; errorCode?: string };

export function auth0ErrorBody(status: number, message?: string, errorCode?: string): Auth0ErrorBody {
  const error = STATUS_CODES[status] ?? "Error";
  return { statusCode: status, error, message: message ?? error, ...(errorCode ? { errorCode } : {}) };
}

/** Thrown anywhere while answering a request; the handler turns it into an Auth0-shaped response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message?: string,
    readonly errorCode?: string,
  ) {
    super(message ?? STATUS_CODES[status]);
  }

  get body(): Auth0ErrorBody {
    return auth0ErrorBody(this.status, this.message, this.errorCode);
  }
}

export const invalidBody = (message: string) => new ApiError(400, message, "invalid_body");
export const invalidQuery = (message: string) => new ApiError(400, message, "invalid_query_string");
export const notFound = (message?: string, errorCode?: string) => new ApiError(404, message, errorCode);
export const tooManyRequests = () => new ApiError(429, "Global limit has been reached", "too_many_requests");

/** The body Auth0 answers with for a bare status, as a fault without its own body uses. */
export function defaultErrorBody(status: number): Auth0ErrorBody {
  return status === 429 ? tooManyRequests().body : auth0ErrorBody(status);
}
