export { captureRenders, instrumentTemplates, type RenderCapture, type TemplateRender } from './capture.js'
export { chaiManouche } from './chai.js'
export {
  type ClientBodyInit,
  type ClientRequestInit,
  createTestClient,
  TestClient,
  type TestClientOptions,
} from './client.js'
export { CookieJar } from './cookies.js'
export type { BodyFields, FormInit, QueryInit, QueryValue, TestHeaders } from './encode.js'
export { type TestingErrorCode, testingErrorCodes } from './errors.js'
export { type LogLevel, type LogRecord, LogRecorder } from './log-recorder.js'
export type { Override, OverrideProvider, Overrides } from './overrides.js'
export {
  type FactoryBodyInit,
  type FactoryRequestInit,
  RequestFactory,
  type RequestFactoryDefaults,
} from './request-factory.js'
export { type InjectedResponse, TestResponse } from './test-response.js'
