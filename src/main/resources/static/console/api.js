// The orchestrate API as the console calls it, and the signed-in session (sessionStorage only).

export const API_PATH = '/api/v1/integrations/sync/orchestrate';
const SESSION_KEY = 'wooodoo.console.session';

/** A refusal of the API: its envelope's code, message and field details, and when to retry. */
export class ApiError extends Error {
  constructor(status, code, message, details = [], retryAfterSeconds = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const session = {
  get() {
    const text = sessionStorage.getItem(SESSION_KEY);
    return text ? JSON.parse(text) : null;
  },
  set(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

/** Calls one action with these body fields; answers the JSON of a success, throws ApiError otherwise. */
export async function call(action, fields = {}, credentials = session.get()) {
  if (!credentials) {
    throw new ApiError(401, 'UNAUTHORIZED', 'not signed in');
  }
  let response;
  try {
    response = await fetch(API_PATH, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Authorization': `Bearer ${credentials.token}`,
        'x-org-id': credentials.orgId,
        'x-user-id': credentials.userId,
      },
      body: JSON.stringify({ action, ...fields }),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the service cannot be reached (${e.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // an answer that is not JSON is reported below by its HTTP status
  }
  if (response.ok && body && body.success) {
    return body;
  }
  const error = body && body.error ? body.error : {};
  const retryAfter = response.headers.get('Retry-After');
  throw new ApiError(response.status, error.code || `HTTP_${response.status}`,
    error.message || `the service answered HTTP ${response.status}`, error.details || [],
    retryAfter === null ? null : Number(retryAfter));
}

/** Drops empty values, so that the service applies its defaults. */
export function withoutEmpty(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}
