import { HttpRequest, type HttpRequestInit, type Logger } from '@manouche/core'

/** One line a test logger recorded. */
export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug'
  msg: string
  fields: Record<string, unknown>
}

/** A logger that keeps its lines in `lines`, for assertions. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const at =
    (level: LogLine['level']) =>
    (objOrMsg: object | string, msg?: string): void => {
      if (typeof objOrMsg === 'string') lines.push({ level, msg: objOrMsg, fields: {} })
      else lines.push({ level, msg: msg ?? '', fields: objOrMsg as Record<string, unknown> })
    }
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }
}

/** A request built by hand, as a unit test hands it to a view function. */
export function makeRequest(method: string, path: string, init: Partial<HttpRequestInit> = {}): HttpRequest {
  const [bare, query = ''] = path.split('?')
  return new HttpRequest({ method, path: bare as string, query, log: recordingLogger(), ...init })
}

/** A Fastify logger stream that parses and keeps every JSON line. */
export function logSink(): { lines: Array<Record<string, unknown>>; stream: { write(line: string): void } } {
  const lines: Array<Record<string, unknown>> = []
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } }
}
