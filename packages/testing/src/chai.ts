/// <reference types="chai" preserve="true" />
import { errors } from './errors.js'
import { excerpt, headerValues, quoted, type Subject, subjectOf } from './subject.js'

declare global {
  namespace Chai {
    interface Assertion {
      /** Assert the response's status code. */
      status(code: number): Assertion
      /** Assert the response has header `name`, equal to `value` (or matching it) when given. */
      header(name: string, value?: string | RegExp): Assertion
      /** Assert template `name` was rendered for the response. Django: assertTemplateUsed */
      templateUsed(name: string): Assertion
      /** Assert the template context holds `key`, deep-equal to `value` when given. */
      contextKey(key: string, value?: unknown): Assertion
      /** Assert the response redirects (3xx) to `url` (or a URL matching it). Django: assertRedirects */
      redirectTo(url: string | RegExp): Assertion
    }
  }
}

type Utils = Chai.ChaiUtils
type This = Chai.AssertionStatic

/**
 * The chai plugin of the testing kit: `chai.use(chaiManouche)`, then `status`, `header`,
 * `templateUsed`, `contextKey` and `redirectTo` on test client responses and on the
 * `HttpResponse`s view functions return. Failure messages say what was expected and what came.
 */
export const chaiManouche: Chai.ChaiPlugin = (chai, utils) => {
  const read = (assertion: This): Subject => subjectOf(assertion._obj) ?? fail(utils.inspect(assertion._obj))
  chai.Assertion.addMethod('status', function (this: This, code: number) {
    assertStatus(this, read(this), code)
  })
  chai.Assertion.addMethod('header', function (this: This, name: string, value?: string | RegExp) {
    assertHeader(this, read(this), name, value)
  })
  chai.Assertion.addMethod('templateUsed', function (this: This, name: string) {
    assertTemplateUsed(this, read(this), name)
  })
  chai.Assertion.addMethod('contextKey', function (this: This, key: string, ...value: unknown[]) {
    assertContextKey(this, utils, read(this), key, value)
  })
  chai.Assertion.addMethod('redirectTo', function (this: This, url: string | RegExp) {
    assertRedirect(this, read(this), url)
  })
}

function fail(shown: string): never {
  throw errors.notAResponse(shown)
}

function assertStatus(assertion: This, subject: Subject, code: number): void {
  const body = () => `; body: ${excerpt(subject.body)}`
  assertion.assert(
    subject.status === code,
    () => `expected status ${code} but got ${subject.status}${body()}`,
    () => `expected status not to be ${code}${body()}`,
    code,
    subject.status,
    false,
  )
}

function assertHeader(assertion: This, subject: Subject, name: string, value: string | RegExp | undefined): void {
  const values = headerValues(subject.headers.get(name))
  const got = () => quoted(values)
  if (value === undefined) {
    const names = () => [...subject.headers].map(([key]) => key.toLowerCase()).join(', ') || '(none)'
    assertion.assert(
      values.length > 0,
      () => `expected header '${name}'; headers: ${names()}`,
      () => `expected no header '${name}' but got ${got()}`,
    )
    return
  }
  const matches = values.some((one) => (typeof value === 'string' ? one === value : one.search(value) !== -1))
  const wanted = typeof value === 'string' ? `to be '${value}'` : `to match ${value}`
  const came = () => (values.length ? `got ${got()}` : 'there is no such header')
  assertion.assert(
    matches,
    () => `expected header '${name}' ${wanted} but ${came()}`,
    () => `expected header '${name}' not ${wanted}`,
  )
}

function assertTemplateUsed(assertion: This, subject: Subject, name: string): void {
  const seen = () => {
    if (subject.templates.length === 0) return 'no template was rendered'
    return subject.unrendered
      ? `templates asked for (not rendered yet): ${quoted(subject.templates)}`
      : `templates rendered: ${quoted(subject.templates)}`
  }
  assertion.assert(
    subject.templates.includes(name),
    () => `expected template '${name}' to be used; ${seen()}`,
    () => `expected template '${name}' not to be used; ${seen()}`,
  )
}

function assertContextKey(assertion: This, utils: Utils, subject: Subject, key: string, value: unknown[]): void {
  const context = subject.context
  const has = context !== undefined && Object.hasOwn(context, key)
  if (value.length === 0 || !has) {
    const keys = () =>
      context === undefined ? 'no template was rendered' : `keys: ${Object.keys(context).join(', ') || '(none)'}`
    const negated = () => `expected no context key '${key}' but it is ${utils.inspect(context?.[key])}`
    // With a value and no such key, `.not` passes: a missing key does not hold the value.
    assertion.assert(has, () => `expected context key '${key}'; ${keys()}`, negated)
    return
  }
  const actual = context[key]
  const wanted = utils.inspect(value[0])
  assertion.assert(
    utils.eql(actual, value[0]),
    () => `expected context key '${key}' to deep-equal ${wanted} but got ${utils.inspect(actual)}`,
    () => `expected context key '${key}' not to deep-equal ${wanted}`,
    value[0],
    actual,
    true,
  )
}

function assertRedirect(assertion: This, subject: Subject, url: string | RegExp): void {
  const location = headerValues(subject.headers.get('location'))[0]
  const isRedirect = subject.status >= 300 && subject.status < 400
  const matches = location !== undefined && (typeof url === 'string' ? location === url : location.search(url) !== -1)
  const wanted = typeof url === 'string' ? `'${url}'` : `a URL matching ${url}`
  const came = () => {
    if (!isRedirect) return `got status ${subject.status}; body: ${excerpt(subject.body)}`
    return location === undefined
      ? `got status ${subject.status} and no Location header`
      : `got a redirect (${subject.status}) to '${location}'`
  }
  assertion.assert(
    isRedirect && matches,
    () => `expected a redirect to ${wanted} but ${came()}`,
    () => `expected no redirect to ${wanted} but got one (${subject.status})`,
  )
}
