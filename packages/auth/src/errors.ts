// The errors of @manouche/auth: small factories, so that each call site is one line.
import { ImproperlyConfigured } from '@manouche/core'

/** The codes this package raises, for docs/errors.md and its test. */
export const authErrorCodes = ['MNC_ERR_AUTH_NO_USER_LOADER'] as const

export const authErrors = {
  noUserLoader: () =>
    new ImproperlyConfigured(
      'No user source is registered: register a UserLoader under the UserLoader token, or the User QuerySet under querySetToken(User).',
      { code: 'MNC_ERR_AUTH_NO_USER_LOADER' },
    ),
}
