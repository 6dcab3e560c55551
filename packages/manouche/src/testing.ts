// `manouche/testing`: the testing kit, kept out of the main entry so chai stays a test-only dependency.
import { withEta } from '@manouche/templates'
import { createTestClient as createClient, type TestClient, type TestClientOptions } from '@manouche/testing'

/** `@manouche/testing`'s `createTestClient()`, with Eta as the template engine unless `templates.engine` names another. */
export function createTestClient<const O extends readonly unknown[] = []>(
  options: TestClientOptions<O> = {},
): Promise<TestClient> {
  return createClient(withEta(options))
}

export {
  type BodyFields,
  type ClientBodyInit,
  type ClientRequestInit,
  CookieJar,
  captureRenders,
  chaiManouche,
  type FactoryBodyInit,
  type FactoryRequestInit,
  type FormInit,
  type InjectedResponse,
  instrumentTemplates,
  type LogLevel,
  type LogRecord,
  LogRecorder,
  type Override,
  type OverrideProvider,
  type Overrides,
  type QueryInit,
  type QueryValue,
  type RenderCapture,
  RequestFactory,
  type RequestFactoryDefaults,
  type TemplateRender,
  TestClient,
  type TestClientOptions,
  type TestHeaders,
  type TestingErrorCode,
  TestResponse,
  testingErrorCodes,
} from '@manouche/testing'
