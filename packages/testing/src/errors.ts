/**
 * The errors of @manouche/testing. They are the test author's to fix (a malformed path, a body
 * given twice, a closed client), so they are plain `TypeError`s and `Error`s carrying a stable
 * `code`, listed in `testingErrorCodes`.
 */

/** The codes this package raises, for docs/errors.md and its test. */
export const testingErrorCodes = [
  'MNC_ERR_TESTING_BAD_PATH',
  'MNC_ERR_TESTING_BAD_METHOD',
  'MNC_ERR_TESTING_BODY_TWICE',
  'MNC_ERR_TESTING_NOT_JSON',
  'MNC_ERR_TESTING_CLIENT_CLOSED',
  'MNC_ERR_TESTING_NOT_A_RESPONSE',
  'MNC_ERR_TESTING_NO_SESSIONS',
] as const

/** One of `testingErrorCodes`. */
export type TestingErrorCode = (typeof testingErrorCodes)[number]

function coded<E extends Error>(error: E, code: TestingErrorCode): E & { code: TestingErrorCode } {
  return Object.assign(error, { code })
}

// Factories: one line at each call site.

export const errors = {
  badPath: (path: string) =>
    coded(
      new TypeError(
        `The test request path '${path}' is not a path: it must start with '/' and hold only valid percent-escapes.`,
      ),
      'MNC_ERR_TESTING_BAD_PATH',
    ),
  badMethod: (method: string) =>
    coded(new TypeError(`'${method}' is not an HTTP method name.`), 'MNC_ERR_TESTING_BAD_METHOD'),
  bodyTwice: (given: readonly string[]) =>
    coded(
      new TypeError(
        `A test request takes one of 'body', 'json' and 'form', but was given ${given.map((g) => `'${g}'`).join(' and ')}.`,
      ),
      'MNC_ERR_TESTING_BODY_TWICE',
    ),
  notJson: (contentType: string | undefined) =>
    coded(
      new TypeError(`Content-Type header is "${contentType ?? ''}", not "application/json"`),
      'MNC_ERR_TESTING_NOT_JSON',
    ),
  clientClosed: () =>
    coded(
      new Error('This test client is closed: make a new one with createTestClient().'),
      'MNC_ERR_TESTING_CLIENT_CLOSED',
    ),
  noSessions: (action: string) =>
    coded(
      new Error(
        `${action}() needs the application's sessions, and it has none: give createTestClient() a secretKey or a sessionStore (with the auth plugin, which manouche/testing adds).`,
      ),
      'MNC_ERR_TESTING_NO_SESSIONS',
    ),
  notAResponse: (shown: string) =>
    coded(
      new TypeError(`expected ${shown} to be a response (a test client response or an HttpResponse)`),
      'MNC_ERR_TESTING_NOT_A_RESPONSE',
    ),
}
