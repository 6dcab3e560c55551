/** One log method, pino's shape: an object of fields and/or a message. */
export type LogFn = (objOrMsg: object | string, msg?: string) => void

/** The logger a request writes to: Fastify's request logger when served, another in unit tests. */
export interface Logger {
  error: LogFn
  warn: LogFn
  info: LogFn
  debug: LogFn
}

const silent: LogFn = () => {}

function toConsole(write: (...args: unknown[]) => void): LogFn {
  return (objOrMsg, msg) => (typeof objOrMsg === 'string' ? write(objOrMsg) : write(msg ?? '', objOrMsg))
}

/** The logger of a request made outside a server: warnings and errors to the console. */
export const consoleLogger: Logger = {
  error: toConsole(console.error),
  warn: toConsole(console.warn),
  info: silent,
  debug: silent,
}

// Control characters (ESC and friends) in a logged path would let a client forge log lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/** Escape control characters as `\xNN`, as Django's log_response does. */
export function escapeForLog(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** Log a 4xx/5xx answer at the level its status calls for. Django: log_response */
export function logResponse(log: Logger, status: number, message: string, extra: object = {}): void {
  const fields = { statusCode: status, ...extra }
  if (status >= 500) log.error(fields, message)
  else if (status >= 400) log.warn(fields, message)
  else log.info(fields, message)
}
