// The answers Node's HTTP parser gives before any request exists (a header too large, a request
// line that never ends, bytes that are not HTTP, a request that does not arrive in time): our
// error page, HTML or JSON as the client's Accept asks, with the security headers; no stack, no path.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { logResponse } from './log.js'
import { statusPage } from './pages.js'
import type { SecurityPolicy } from './security.js'

/** What Node hands a 'clientError' listener: the parser's error, with the bytes it had read. */
interface ClientError extends Error {
  code?: string
  rawPacket?: unknown
}

function rawPacketOf(error: ClientError): Buffer | undefined {
  return Buffer.isBuffer(error.rawPacket) ? error.rawPacket : undefined
}

/** The status an error of Node's parser becomes. */
function statusOfClientError(error: ClientError): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  if (error.code !== 'HPE_HEADER_OVERFLOW') return 400
  // The limit counts the request line too: one that never ended is a URI too long, not a header.
  return rawPacketOf(error)?.includes('\n') === false ? 414 : 431
}

/** The Accept header among the bytes read so far, if it got that far. */
function acceptOf(error: ClientError): string | undefined {
  const head = rawPacketOf(error)?.toString('latin1')
  return head && /\r?\naccept:[ \t]*([^\r\n]*)/i.exec(head)?.[1]
}

/** Fastify's `clientErrorHandler`: answer with our page, log it as Django logs a 4xx, close. */
export function clientErrorHandler(security: SecurityPolicy) {
  return function onClientError(this: FastifyInstance, error: ClientError, socket: Socket): void {
    // A reset connection has no one to answer. Node: the 'clientError' event
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const status = statusOfClientError(error)
    logResponse(this.log, status, `${STATUS_CODES[status]}: ${error.code ?? error.message}`)
    if (socket.writable) {
      const page = statusPage(status, acceptOf(error))
      const body = Buffer.from(page.content)
      const headers = { ...security.headers, ...Object.fromEntries(page.headers) }
      let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n`
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`
      head += `content-length: ${body.length}\r\nconnection: close\r\n\r\n`
      socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]))
    }
    socket.destroy(error)
  }
}
