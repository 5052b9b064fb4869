import { ConflictError, UnavailableError } from '../domain/errors';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
}

function statusOf(error: unknown): number | undefined {
  return (error as RestErrorLike | undefined)?.statusCode;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

export function isAlreadyExists(error: unknown): boolean {
  return statusOf(error) === 409;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * The one place a storage failure becomes a domain error: a 412 is someone else's newer write,
 * a refused connection is storage being down.
 */
export function translateStorageError(error: unknown, what: string): unknown {
  const status = statusOf(error);
  if (status === 412) return new ConflictError(what);
  const code = (error as RestErrorLike | undefined)?.code;
  if ((code && NETWORK_CODES.has(code)) || status === 503) {
    return new UnavailableError('Storage is temporarily unavailable. Please try again in a minute.');
  }
  return error;
}

export async function translating<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateStorageError(error, what);
  }
}
