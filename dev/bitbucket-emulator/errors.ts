/** Bitbucket-shaped errors. Route handlers throw `HttpError`; the server turns it into the response. */
import type { Json, JsonObject } from './types';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Response body; defaults to Bitbucket's `{"type":"error","error":{...}}` shape. */
    readonly body: Json = bitbucketError(message),
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function bitbucketError(
  message: string,
  fields?: Record<string, string[] | string>,
  detail?: string,
): JsonObject {
  const error: JsonObject = { message };
  if (fields) error.fields = fields as JsonObject;
  if (detail) error.detail = detail;
  return { type: 'error', error };
}

export const badRequest = (message: string, fields?: Record<string, string[] | string>): HttpError =>
  new HttpError(400, message, bitbucketError(message, fields));

export const notFound = (message: string): HttpError => new HttpError(404, message);
