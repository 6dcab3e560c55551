// Sessions over HTTP: each request a wrapped view serves gets a lazy session from the `sessionid`
// cookie and a message storage; the response saves what changed and sets the cookie. Django:
// SessionMiddleware, AuthenticationMiddleware and MessageMiddleware, in one wrapper.
import {
  type HttpRequest,
  HttpResponse,
  isTemplateResponse,
  type Kwargs,
  type ViewCallable,
  type ViewResult,
} from '@manouche/core'
import { andThen, varyOnCookie } from '@manouche/core/internal'
import { getUser } from './login.js'
import type { Message } from './messages/message.js'
import { SessionMessageStorage } from './messages/storage.js'
import { DEFAULT_SESSION_AGE, Session } from './sessions/session.js'
import type { SessionStore } from './sessions/store.js'

/** The cookie holding the session key. Django: SESSION_COOKIE_NAME */
export const SESSION_COOKIE_NAME = 'sessionid'

/**
 * The messages a template reads as `it.messages`: iterating marks them shown (so a page that
 * does not show them keeps them for the next); `length` does not. Django: the `messages`
 * context variable (the storage itself)
 */
export class TemplateMessages implements Iterable<Message> {
  readonly #storage: SessionMessageStorage

  constructor(storage: SessionMessageStorage) {
    this.#storage = storage
  }

  /** How many messages there are to show. */
  get length(): number {
    return this.#storage.length
  }

  [Symbol.iterator](): Iterator<Message> {
    return this.#storage.readLoaded()[Symbol.iterator]()
  }
}

/** The per-request side of an application's sessions. @internal */
export class SessionMiddleware {
  constructor(
    readonly store: SessionStore,
    readonly maxAge: number = DEFAULT_SESSION_AGE,
  ) {}

  /** `view`, serving its requests with a session, messages and, when `loadUser`, `request.user` loaded first. */
  wrap(view: ViewCallable, loadUser: boolean): ViewCallable {
    const wrapped = loadUser
      ? (request: HttpRequest, kwargs?: Kwargs) => this.#serveWithUser(view, request, kwargs)
      : (request: HttpRequest, kwargs?: Kwargs) => {
          const storage = this.open(request)
          return andThen(view(request, kwargs), (response) => this.finish(request, storage, response))
        }
    return Object.assign(wrapped, { viewClass: view.viewClass, viewInitkwargs: view.viewInitkwargs })
  }

  /** Give `request` its session (loaded on first use) and message storage. */
  open(request: HttpRequest): SessionMessageStorage {
    const session = new Session(this.store, request.cookies[SESSION_COOKIE_NAME], { maxAge: this.maxAge })
    const storage = new SessionMessageStorage(session)
    request.session = session
    request.messageStorage = storage
    return storage
  }

  /** Render `response` with `it.messages`, then keep the messages not shown and save the session. */
  finish(request: HttpRequest, storage: SessionMessageStorage, response: HttpResponse): ViewResult {
    // Anything but a response goes on as it is, for the server to name the view that returned it.
    if (!(response instanceof HttpResponse)) return response
    if (response.isRendered || !isTemplateResponse(response)) return this.#close(request, storage, response)
    if (!('messages' in response.contextData)) response.contextData.messages = new TemplateMessages(storage)
    return andThen(storage.preload(), () =>
      andThen(response.render(), (done: HttpResponse) => this.#close(request, storage, done)),
    )
  }

  async #serveWithUser(view: ViewCallable, request: HttpRequest, kwargs: Kwargs | undefined): Promise<HttpResponse> {
    const storage = this.open(request)
    request.user = await getUser(request)
    return this.finish(request, storage, await view(request, kwargs))
  }

  #close(request: HttpRequest, storage: SessionMessageStorage, response: HttpResponse): ViewResult {
    if (storage.hasUpdates) return storage.update().then(() => this.#save(request, response))
    if (!request.session?.accessed) return response
    return this.#save(request, response)
  }

  async #save(request: HttpRequest, response: HttpResponse): Promise<HttpResponse> {
    const session = request.session as Session
    varyOnCookie(response)
    if (!session.modified) return response
    if (await session.isEmpty()) {
      if (request.cookies[SESSION_COOKIE_NAME] !== undefined)
        response.deleteCookie(SESSION_COOKIE_NAME, { path: '/', sameSite: 'Lax' })
      return response
    }
    if (response.status >= 500) return response
    const key = await session.save()
    response.setCookie(SESSION_COOKIE_NAME, key, {
      maxAge: this.maxAge,
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: request.raw?.protocol === 'https',
    })
    return response
  }
}
