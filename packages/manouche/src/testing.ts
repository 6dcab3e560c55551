// `manouche/testing`: the testing kit, kept out of the main entry so chai stays a test-only
// dependency. Its `createTestClient()` makes Eta the template engine by default, as `bootstrap()` does.
import { withAuth } from '@manouche/auth'
import { withEta } from '@manouche/templates'
import { createTestClient as createClient, type TestClient, type TestClientOptions } from '@manouche/testing'

export * from '@manouche/testing'

/** Create a test client as `@manouche/testing`'s `createTestClient()` does, with Eta as the template engine unless `templates.engine` names another, and the auth plugin. */
export function createTestClient<const O extends readonly unknown[] = []>(
  options: TestClientOptions<O> = {},
): Promise<TestClient> {
  return createClient(withAuth(withEta(options)))
}
