// The 403 a request refused by the CSRF check gets: Django's csrf_failure page (its texts), the
// reason always, the advice only in debug; JSON for a client that asks for JSON.
import { escapeHtml, page } from './pages.js'
import type { HttpRequest } from './request.js'
import { HttpResponse, JsonResponse } from './response.js'

/** The error code of a CSRF refusal, in the catalogue. */
export const CSRF_FAILED = 'MNC_ERR_CSRF_FAILED'

const MAIN = 'CSRF verification failed. Request aborted.'
const NO_REFERER = [
  'You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties.',
  'If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests.',
  'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.',
]
const NO_COOKIE = [
  'You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.',
  'If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests.',
]
// Django's help, in Manouche's names.
const ADVICE = `<h2>Help</h2>
<p>In general, this can occur when there is a genuine Cross Site Request Forgery, or when Manouche’s CSRF mechanism has not been used correctly. For POST forms, you need to ensure:</p>
<ul>
<li>Your browser is accepting cookies.</li>
<li>The view renders its template with the request (a <code>TemplateResponse</code>, as every generic view does).</li>
<li>In the template, there is a <code>&lt;%~ it.csrfInput %&gt;</code> inside each POST form that targets an internal URL.</li>
<li>A script that sends PUT, PATCH, DELETE or JSON sends the token in the <code>X-CSRFToken</code> header.</li>
<li>The form has a valid CSRF token. After logging in in another browser tab or hitting the back button after a login, you may need to reload the page with the form, because the token is rotated after a login.</li>
</ul>
<p>You’re seeing the help section of this page because you have <code>debug</code> on. Turn it off, and only the initial error message will be displayed.</p>
<p>You can exempt a view with <code>@CsrfExempt()</code>, or turn the check off with <code>bootstrap({ csrf: false })</code>.</p>`
const MORE = '<p><small>More information is available with debug on.</small></p>'

function wantsJson(request: HttpRequest): boolean {
  const accept = request.header('accept') ?? ''
  return /\bapplication\/(?:[\w.-]+\+)?json\b/.test(accept) && !accept.includes('text/html')
}

/** The 403 for a request the CSRF check refused for `reason`. Django: django.views.csrf.csrf_failure */
export function csrfFailurePage(request: HttpRequest, reason: string, debug: boolean): HttpResponse {
  if (wantsJson(request)) {
    return new JsonResponse({ status: 403, code: CSRF_FAILED, message: MAIN, reason }, { status: 403 })
  }
  const help = [
    ...(reason.endsWith('no Referer.') ? NO_REFERER : []),
    ...(reason === 'CSRF cookie not set.' ? NO_COOKIE : []),
  ]
  const body = [
    `<p>${MAIN}</p>`,
    ...help.map((text) => `<p>${escapeHtml(text)}</p>`),
    '<p>Reason given for failure:</p>',
    `<pre>${escapeHtml(reason)}</pre>`,
    debug ? ADVICE : MORE,
  ]
  return page(403, 'Forbidden (403)', body.join('\n'))
}
