import type { LogFn, Logger } from '@manouche/core'

/** A level a `Logger` writes at. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug'

/** One line a `LogRecorder` kept: its level, its message and the fields logged with it. */
export interface LogRecord {
  level: LogLevel
  msg: string
  [field: string]: unknown
}

/** A `Logger` that keeps every line in `records`, for tests to assert on; it prints nothing. */
export class LogRecorder implements Logger {
  /** The lines logged so far, oldest first. */
  readonly records: LogRecord[] = []
  readonly error: LogFn = this.#writer('error')
  readonly warn: LogFn = this.#writer('warn')
  readonly info: LogFn = this.#writer('info')
  readonly debug: LogFn = this.#writer('debug')

  /** Forget the lines logged so far. */
  clear(): void {
    this.records.length = 0
  }

  #writer(level: LogLevel): LogFn {
    return (objOrMsg, msg) => {
      const fields = typeof objOrMsg === 'string' ? {} : objOrMsg
      const text = typeof objOrMsg === 'string' ? objOrMsg : (msg ?? '')
      this.records.push({ ...fields, level, msg: text })
    }
  }
}
