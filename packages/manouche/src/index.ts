// The one import an application needs: each package's index re-exported as it is (the packages
// choose what users see; test/manouche/exports.test.ts reviews every name), but the testing kit,
// which is `manouche/testing`. Its own `bootstrap()` makes Eta the template engine by default.
import { withAuth } from '@manouche/auth'
import { type BootstrapOptions, bootstrap as coreBootstrap } from '@manouche/core'
import { withEta } from '@manouche/templates'

export * from '@manouche/auth'
export * from '@manouche/core'
export * from '@manouche/data'
export * from '@manouche/forms'
export * from '@manouche/generic'
export * from '@manouche/templates'

/**
 * Build the application as `@manouche/core`'s `bootstrap()` does, with Eta as the template engine
 * unless `templates.engine` names another, and the auth plugin (sessions, users, messages).
 */
export function bootstrap(options: BootstrapOptions = {}): ReturnType<typeof coreBootstrap> {
  return coreBootstrap(withAuth(withEta(options)))
}
