// Views and templates shared by the CSRF tests.
import * as nodePath from 'node:path'
import { CsrfExempt, HttpResponse, path, rotateToken, type URLEntry } from '@manouche/core'
import { TemplateView } from '@manouche/generic'

/** The CSRF fixture templates: form.html, token.html, plain.html, in-layout.html, with-partial.html. */
export const CSRF_TEMPLATES = nodePath.resolve(import.meta.dirname, '../../fixtures/templates/csrf')

/** Shows `templateName` on GET; answers `posted <method>` to POST, PUT, PATCH and DELETE. */
export class FormPage extends TemplateView {
  post(): HttpResponse {
    return new HttpResponse(`posted ${this.request.method}`)
  }
  put(): HttpResponse {
    return new HttpResponse('posted PUT')
  }
  patch(): HttpResponse {
    return new HttpResponse('posted PATCH')
  }
  delete(): HttpResponse {
    return new HttpResponse('posted DELETE')
  }
}

/** Logs the visitor in, as far as CSRF is concerned: a new secret. Django: login() calls rotate_token */
export class LoginPage extends FormPage {
  override post(): HttpResponse {
    rotateToken(this.request)
    return new HttpResponse('logged in')
  }
}

/** A webhook that takes POSTs from other sites. */
@CsrfExempt()
export class Webhook extends FormPage {}

/** A subclass of an exempt view is exempt too. */
export class WebhookV2 extends Webhook {}

/** The routes of the CSRF tests. */
export const csrfPatterns: URLEntry[] = [
  path('form/', FormPage.asView({ templateName: 'form.html' })),
  path('token/', FormPage.asView({ templateName: 'token.html' })),
  path('plain/', FormPage.asView({ templateName: 'plain.html', extraContext: { name: 'Ann' } })),
  path('in-layout/', FormPage.asView({ templateName: 'in-layout.html' })),
  path('with-partial/', FormPage.asView({ templateName: 'with-partial.html', extraContext: { name: 'Ann' } })),
  path('login/', LoginPage.asView({ templateName: 'form.html' })),
  path('hook/', Webhook.asView({ templateName: 'plain.html' })),
  path('hook2/', WebhookV2.asView({ templateName: 'plain.html' })),
  path(
    'fn-hook/',
    CsrfExempt()(() => new HttpResponse('function view')),
  ),
]

/** The masked token of the hidden input in `html`. */
export function tokenIn(html: string): string {
  const match = /<input type="hidden" name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})">/.exec(html)
  if (!match) throw new Error(`no CSRF input in ${html}`)
  return match[1] as string
}
