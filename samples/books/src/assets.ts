// The sample's two static files, its style sheet and its icon, served by views so that they get
// the security headers like every page; a real deployment lets the reverse proxy serve them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { BaseView, HttpResponse, type SecurityOptions, View } from 'manouche'

/** The sample's static folder (samples/books/static, beside dist/). */
const STATIC = path.resolve(import.meta.dirname, '../static')
const STYLE = readFileSync(path.join(STATIC, 'books.css'))
const ICON = readFileSync(path.join(STATIC, 'favicon.ico'))
const CACHED = 'public, max-age=86400'

/**
 * The sample's policy: everything from the site itself, no inline style or script, no framing,
 * forms posting only here. Its pages satisfy it (the browser test fails on a violation).
 */
export const SECURITY: SecurityOptions = {
  contentSecurityPolicy: {
    'default-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  },
}

/** The style sheet the layout links. */
@View('/static/books.css', { name: 'style' })
export class StyleView extends BaseView {
  get() {
    return new HttpResponse(STYLE, { contentType: 'text/css; charset=utf-8', headers: { 'Cache-Control': CACHED } })
  }
}

/** The icon, where browsers look for it even on a page that names none (core's error pages). */
@View('/favicon.ico', { name: 'favicon' })
export class FaviconView extends BaseView {
  get() {
    return new HttpResponse(ICON, { contentType: 'image/x-icon', headers: { 'Cache-Control': CACHED } })
  }
}
