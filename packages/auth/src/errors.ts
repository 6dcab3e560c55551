// The errors of @manouche/auth: small factories, so that each call site is one line.
import { ImproperlyConfigured, ManoucheError } from '@manouche/core'

/** A message was added to a request that has no message storage. Django: MessageFailure */
export class MessageFailure extends ManoucheError {
  constructor(message: string) {
    super(message, 500, 'MNC_ERR_MESSAGES_NO_STORAGE')
  }
}

/** The codes this package raises, for docs/errors.md and its test. */
export const authErrorCodes = [
  'MNC_ERR_AUTH_NO_USER_LOADER',
  'MNC_ERR_AUTH_NO_LOGIN_URL',
  'MNC_ERR_AUTH_NO_PERMISSION_REQUIRED',
  'MNC_ERR_AUTH_NO_TEST_FUNC',
  'MNC_ERR_AUTH_NO_SESSION',
  'MNC_ERR_AUTH_PERM_LIST',
  'MNC_ERR_AUTH_NO_SECRET_KEY',
  'MNC_ERR_MESSAGES_NO_STORAGE',
  'MNC_ERR_MESSAGES_PLACEHOLDER',
] as const

export const authErrors = {
  noUserLoader: () =>
    new ImproperlyConfigured(
      'No user source is registered: register a UserLoader under the UserLoader token, or the User QuerySet under querySetToken(User).',
      { code: 'MNC_ERR_AUTH_NO_USER_LOADER' },
    ),
  noLoginUrl: (cls: string) =>
    new ImproperlyConfigured(
      `${cls} is missing the loginUrl attribute. Define ${cls}.loginUrl, or override ${cls}.getLoginUrl().`,
      { code: 'MNC_ERR_AUTH_NO_LOGIN_URL' },
    ),
  noPermissionRequired: (cls: string) =>
    new ImproperlyConfigured(
      `${cls} is missing the permissionRequired attribute. Define ${cls}.permissionRequired, or override ${cls}.getPermissionRequired().`,
      { code: 'MNC_ERR_AUTH_NO_PERMISSION_REQUIRED' },
    ),
  noTestFunc: (cls: string) =>
    new ImproperlyConfigured(`${cls} is missing the implementation of the testFunc() method.`, {
      code: 'MNC_ERR_AUTH_NO_TEST_FUNC',
    }),
  noSession: (action: string) =>
    new ImproperlyConfigured(`${action}() needs the request's session (request.session), and this request has none.`, {
      code: 'MNC_ERR_AUTH_NO_SESSION',
    }),
  permList: () =>
    Object.assign(new TypeError('permList must be an iterable of permissions.'), { code: 'MNC_ERR_AUTH_PERM_LIST' }),
  noSecretKey: (why: string) =>
    new ImproperlyConfigured(
      `bootstrap(): this application uses sessions (${why}) and has no secretKey to sign them. Give bootstrap({ secretKey }) a long random string kept out of the source (debug makes one up for the process).`,
      { code: 'MNC_ERR_AUTH_NO_SECRET_KEY' },
    ),
  messagePlaceholder: (cls: string, message: string, problem: string) =>
    new ImproperlyConfigured(`${cls}.successMessage ${JSON.stringify(message)} ${problem}.`, {
      code: 'MNC_ERR_MESSAGES_PLACEHOLDER',
    }),
  noMessageStorage: () =>
    new MessageFailure(
      'You cannot add messages without a message storage on the request (request.messageStorage, set with its session).',
    ),
}
