// Adding and reading messages through the request. Django: django/contrib/messages/api.py
import type { HttpRequest } from '@manouche/core'
import { authErrors } from '../errors.js'
import { type Message, MessageLevel } from './message.js'
import type { MessageStorage } from './storage.js'

declare module '@manouche/core' {
  interface HttpRequest {
    /** Where `messages.*()` keep this request's messages; set with the session. */
    messageStorage?: MessageStorage
  }
}

/** What the `messages.*()` helpers take besides the text. */
export interface AddMessageOptions {
  /** Tags added before the level's tag (space-separated). */
  extraTags?: string
  /** Drop the message quietly when the request has no message storage, instead of throwing. */
  failSilently?: boolean
}

function storageOf(request: HttpRequest, failSilently: boolean | undefined): MessageStorage | undefined {
  if (request.messageStorage !== undefined || failSilently) return request.messageStorage
  throw authErrors.noMessageStorage()
}

function add(request: HttpRequest, level: number, message: string, options: AddMessageOptions = {}): void {
  storageOf(request, options.failSilently)?.add(level, message, options.extraTags)
}

function at(level: number) {
  return (request: HttpRequest, message: string, options?: AddMessageOptions) => add(request, level, message, options)
}

/**
 * Messages for the user, shown once on a later page (after a redirect, typically):
 * `messages.success(request, 'Book saved.')`. Django: django.contrib.messages
 */
export const messages = Object.freeze({
  /** Add `message` at `level`. Django: add_message */
  add,
  /** Add a message at DEBUG, which the default level (INFO) drops. Django: messages.debug */
  debug: at(MessageLevel.DEBUG),
  /** Django: messages.info */
  info: at(MessageLevel.INFO),
  /** Django: messages.success */
  success: at(MessageLevel.SUCCESS),
  /** Django: messages.warning */
  warning: at(MessageLevel.WARNING),
  /** Django: messages.error */
  error: at(MessageLevel.ERROR),
  /** The request's messages, marked as shown; none without a storage. Django: get_messages */
  get: (request: HttpRequest): Promise<Message[]> => request.messageStorage?.read() ?? Promise.resolve([]),
  /** The lowest level the request's storage keeps. Django: get_level */
  getLevel: (request: HttpRequest): number => request.messageStorage?.level ?? MessageLevel.INFO,
  /** Keep messages from `level` up for this request; false without a storage. Django: set_level */
  setLevel: (request: HttpRequest, level: number): boolean => {
    if (request.messageStorage === undefined) return false
    request.messageStorage.level = level
    return true
  },
})
