/** One catalogue of coded errors, shared with clients. Every 4xx/5xx body is an `ErrorBody`. */
export const ERRORS = {
  PARLEY_ERR_VALIDATION: { status: 400, message: 'The request is not valid' },
  PARLEY_ERR_UNAUTHENTICATED: { status: 401, message: 'Sign in first' },
  PARLEY_ERR_BAD_CREDENTIALS: { status: 401, message: 'Wrong username or password' },
  PARLEY_ERR_FORBIDDEN: { status: 403, message: 'Not allowed for this user' },
  PARLEY_ERR_NOT_FOUND: { status: 404, message: 'Not found' },
  PARLEY_ERR_CONFLICT: { status: 409, message: 'The request conflicts with the current state' },
  PARLEY_ERR_NO_OFFER: { status: 409, message: 'There is no pending offer for you on this conversation' },
  PARLEY_ERR_NOT_PARTICIPANT: { status: 403, message: 'You are not handling this conversation' },
  PARLEY_ERR_NOT_OWNER: { status: 403, message: 'Only the conversation owner can do this' },
  PARLEY_ERR_INVALID_STATE: { status: 409, message: 'Not possible in the conversation state' },
  PARLEY_ERR_CHANNEL_RULE: { status: 422, message: 'The channel does not allow this' },
  PARLEY_ERR_MESSAGE_TOO_LONG: { status: 422, message: 'The message is longer than the channel allows' },
  PARLEY_ERR_WINDOW_CLOSED: { status: 422, message: "The channel's reply window has closed" },
  PARLEY_ERR_EMPTY_MESSAGE: { status: 400, message: 'The message has no visible text' },
  PARLEY_ERR_INVALID_TEXT: { status: 400, message: 'The text is not valid Unicode (it has a lone surrogate)' },
  PARLEY_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'The upload is too large' },
  PARLEY_ERR_UNSUPPORTED_MEDIA: { status: 415, message: 'This file type is not accepted' },
  PARLEY_ERR_URI_TOO_LONG: { status: 414, message: 'The URL is too long' },
  PARLEY_ERR_HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large' },
  PARLEY_ERR_TIMEOUT: { status: 408, message: 'The request took too long to arrive' },
  PARLEY_ERR_UNKNOWN_SESSION: { status: 404, message: 'Unknown or expired chat session' },
  PARLEY_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests' },
  PARLEY_ERR_TOO_MANY_CONNECTIONS: { status: 429, message: 'This chat is open in too many windows' },
  PARLEY_ERR_UNAVAILABLE: { status: 503, message: 'The server is starting or shutting down' },
  PARLEY_ERR_INTERNAL: { status: 500, message: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** A failed API call as clients see it: HTTP status (0 = no connection) and the body's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
}
