import { type HeaderValue, HttpResponse, isTemplateResponse, type ResponseHeaders } from '@manouche/core'
import { TestResponse } from './test-response.js'

/** What the chai assertions read from a response, whichever kind it is. */
export interface Subject {
  status: number
  headers: ResponseHeaders
  /** The body as text; undefined while a template response is not rendered yet. */
  body: string | undefined
  /** The templates rendered, or for a template response not rendered yet the names it asks for. */
  templates: readonly string[]
  /** Whether `templates` holds names asked for rather than templates rendered. */
  unrendered: boolean
  /** The template context, undefined when there is none. */
  context: Record<string, unknown> | undefined
}

/** Read a test client response or an `HttpResponse` (a view function's answer); undefined for anything else. */
export function subjectOf(value: unknown): Subject | undefined {
  if (value instanceof TestResponse) return fromClient(value)
  if (value instanceof HttpResponse) return fromHttpResponse(value)
  return undefined
}

function fromClient(response: TestResponse): Subject {
  const { status, headers, body, templates, context } = response
  return { status, headers, body, templates, unrendered: false, context }
}

function fromHttpResponse(response: HttpResponse): Subject {
  const body = response.isRendered ? response.text : undefined
  const base = { status: response.status, headers: response.headers, body }
  if (!isTemplateResponse(response)) return { ...base, templates: [], unrendered: false, context: undefined }
  const rendered = response.renderedTemplate
  const asked = typeof response.templateName === 'string' ? [response.templateName] : [...response.templateName]
  const templates = rendered === undefined ? asked : [rendered]
  return { ...base, templates, unrendered: rendered === undefined, context: response.contextData }
}

/** A header's values as a list (`Set-Cookie` may hold several). */
export function headerValues(value: HeaderValue | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value]
}

/** The start of a body for a failure message. */
export function excerpt(body: string | undefined, length = 200): string {
  if (body === undefined) return '(not rendered yet)'
  if (body === '') return '(empty)'
  return body.length > length ? `${body.slice(0, length)}…` : body
}

/** Names quoted and joined: `'a.html', 'b.html'`. */
export function quoted(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ')
}
