// The login and logout pages. Django: django/contrib/auth/views.py (RedirectURLMixin, LoginView,
// LogoutView)
import { type BaseView, type HttpRequest, type HttpResponse, HttpResponseRedirect, type Kwargs } from '@manouche/core'
import { frameworkHandlers } from '@manouche/core/internal'
import type { Form } from '@manouche/forms'
import { type Constructor, FormView, TemplateView } from '@manouche/generic'
import { AuthenticationForm } from './forms.js'
import { type LoginUser, login, logout } from './login.js'
import { LOADS_USER, USES_SESSION } from './plugin.js'
import { userOf } from './request.js'
import { authSettingsOf } from './settings.js'
import { resolveUrl, urlHasAllowedHostAndScheme } from './urls.js'

/** What `RedirectURLMixin` adds to a view. */
export interface RedirectURLMixin {
  /** Where to go when the request names no safe `next`: a URL or a route name. */
  nextPage: string | undefined
  /** The form field or query parameter naming the page to go to. */
  redirectFieldName: string
  /** Hosts besides the request's that `next` may name. */
  successUrlAllowedHosts: readonly string[]
  /** The safe `next` of the form, else of the query; `''` when neither is safe. */
  getRedirectUrl(): string
  /** The request's host and `successUrlAllowedHosts`. */
  getSuccessUrlAllowedHosts(): string[]
  /** Where to go without a `next`. */
  getDefaultRedirectUrl(): string
  /** `getRedirectUrl()`, else `getDefaultRedirectUrl()`. */
  getSuccessUrl(): string
}

/** Go to a `next` page on this site after the view's work, else to a default. Django: RedirectURLMixin */
export function RedirectURLMixin<TBase extends Constructor<BaseView>>(
  Base: TBase,
): TBase & Constructor<RedirectURLMixin> {
  abstract class RedirectURLMixinImpl extends Base implements RedirectURLMixin {
    nextPage: string | undefined = undefined
    redirectFieldName = 'next'
    successUrlAllowedHosts: readonly string[] = []

    getRedirectUrl(): string {
      const field = this.redirectFieldName
      const sent = lastString((this.request.body as Record<string, unknown> | undefined)?.[field])
      const next = sent ?? this.request.query.get(field) ?? ''
      const https = this.request.raw?.protocol === 'https'
      return urlHasAllowedHostAndScheme(next, this.getSuccessUrlAllowedHosts(), https) ? next : ''
    }

    getSuccessUrlAllowedHosts(): string[] {
      const host = this.request.raw?.host ?? this.request.header('host')
      return host === undefined ? [...this.successUrlAllowedHosts] : [host, ...this.successUrlAllowedHosts]
    }

    getDefaultRedirectUrl(): string {
      if (this.nextPage) return resolveUrl(this.request, this.nextPage)
      return this.request.path
    }

    getSuccessUrl(): string {
      return this.getRedirectUrl() || this.getDefaultRedirectUrl()
    }
  }
  return RedirectURLMixinImpl
}

function lastString(value: unknown): string | undefined {
  const last = Array.isArray(value) ? value[value.length - 1] : value
  return typeof last === 'string' ? last : undefined
}

/** Django's never_cache: the page must not be kept by the browser or a proxy. */
const NEVER_CACHE = 'max-age=0, no-cache, no-store, must-revalidate, private'

function neverCached(response: HttpResponse): HttpResponse {
  response.headers.set('Cache-Control', NEVER_CACHE)
  return response
}

/**
 * The login page: a form of `username` and `password`; a valid one logs the user in and goes to
 * a safe `next`, else `nextPage`, else `bootstrap({ loginRedirectUrl })`. Never cached.
 * Django: LoginView
 */
export class LoginView extends RedirectURLMixin(FormView) {
  static readonly [USES_SESSION] = true
  static readonly [LOADS_USER] = true
  override formClass: typeof AuthenticationForm = AuthenticationForm
  override templateName: string | undefined = 'registration/login.html'
  /** Send a user who is logged in already to the success URL instead of showing the form. */
  redirectAuthenticatedUser = false

  override async dispatch(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    if (this.redirectAuthenticatedUser && userOf(request).isAuthenticated) {
      const to = await this.getSuccessUrl()
      if (to === request.path)
        throw new Error(
          "Redirection loop for authenticated user detected. Check that your loginRedirectUrl doesn't point to a login page.",
        )
      return neverCached(new HttpResponseRedirect(to))
    }
    return neverCached(await super.dispatch(request, kwargs))
  }

  override getDefaultRedirectUrl(): string {
    return resolveUrl(this.request, this.nextPage || authSettingsOf(this.request).loginRedirectUrl)
  }

  override async getForm(formClass?: Parameters<FormView['getForm']>[0]): Promise<Form<object>> {
    const form = await super.getForm(formClass)
    if (form instanceof AuthenticationForm) form.request = this.request
    return form
  }

  override async formValid(form: Form<object>): Promise<HttpResponse> {
    await login(this.request, (form as AuthenticationForm).getUser() as unknown as LoginUser)
    return new HttpResponseRedirect(await this.getSuccessUrl())
  }

  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return super.getContextData({ ...kwargs, [this.redirectFieldName]: this.getRedirectUrl() })
  }
}

/**
 * Log out on POST (a GET could be forged by any page), then go to a safe `next`, `nextPage` or
 * `bootstrap({ logoutRedirectUrl })`; without any, render `registration/logged_out.html`.
 * Never cached. Django: LogoutView
 */
export class LogoutView extends RedirectURLMixin(TemplateView) {
  static readonly [USES_SESSION] = true
  static override httpMethodNames: readonly string[] = ['post', 'options']
  override templateName: string | undefined = 'registration/logged_out.html'

  override async dispatch(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    return neverCached(await super.dispatch(request, kwargs))
  }

  async post(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    await logout(request)
    const to = this.getSuccessUrl()
    if (to !== request.fullPath) return new HttpResponseRedirect(to)
    return super.get(request, kwargs)
  }

  override getDefaultRedirectUrl(): string {
    const to = this.nextPage || authSettingsOf(this.request).logoutRedirectUrl
    return to ? resolveUrl(this.request, to) : this.request.fullPath
  }

  override async getContextData(kwargs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return super.getContextData({ title: 'Logged out', ...kwargs })
  }
}
frameworkHandlers(LogoutView, 'post')
