// Request bodies, each read by a Fastify content-type parser (so a request without a body runs
// none of this): URL-encoded forms and JSON, and multipart forms through @fastify/busboy, all
// within one `bodyLimit` of raw bytes, files included. Past it is a 413, a body that is not what
// its Content-Type says a 400; either way the view never runs.
import type { Readable } from 'node:stream'
import { Busboy, type BusboyFileStream } from '@fastify/busboy'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BadRequest, RequestDataTooBig } from './errors.js'
import type { UploadedFile } from './request.js'

/** The default of `bootstrap({ bodyLimit })`: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024
// Django's DATA_UPLOAD_MAX_NUMBER_FILES and DATA_UPLOAD_MAX_NUMBER_FIELDS.
const MAX_FILES = 100
const MAX_FIELDS = 1000

/** A multipart body as the parser hands it on: the fields (a repeated key as an array) and the files. */
export class MultipartBody {
  readonly data: Record<string, string | string[]> = Object.create(null)
  readonly files: Record<string, UploadedFile | UploadedFile[]> = Object.create(null)
}

/** Parse URL-encoded and multipart forms; hand any other unknown media type over as a Buffer. */
export function installBodyParsers(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, formData(body as string))
  })
  app.addContentTypeParser('multipart/form-data', (req: FastifyRequest, payload: Readable) =>
    readMultipart(req, payload, bodyLimit),
  )
  // Any other media type reaches the view as a Buffer, as Django hands it the raw body.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
}

/** Read a multipart body whole: 413 past `bodyLimit` bytes or the count limits, 400 when it is malformed. */
function readMultipart(req: FastifyRequest, payload: Readable, bodyLimit: number): Promise<MultipartBody> {
  if (Number(req.headers['content-length']) > bodyLimit) return Promise.reject(tooBig(bodyLimit))
  return new Promise((resolve, reject) => {
    const reading = new MultipartReading(payload, bodyLimit, resolve, reject)
    try {
      reading.start(req.headers as { 'content-type': string })
    } catch (cause) {
      reading.fail(malformed(cause)) // no boundary in the Content-Type
    }
  })
}

/** One multipart body being read: every part is collected; the first failure settles it. */
class MultipartReading {
  readonly body = new MultipartBody()
  #bytes = 0
  #openFiles = 0
  #finished = false
  #settled = false

  constructor(
    readonly payload: Readable,
    readonly bodyLimit: number,
    readonly resolve: (body: MultipartBody) => void,
    readonly reject: (error: Error) => void,
  ) {}

  start(headers: { 'content-type': string }): void {
    const limit = this.bodyLimit
    const limits = { fileSize: limit, fieldSize: limit, files: MAX_FILES, fields: MAX_FIELDS }
    const busboy = new Busboy({ headers, limits: { ...limits, parts: MAX_FILES + MAX_FIELDS } })
    this.payload.on('data', (chunk: Buffer) => this.count(chunk.length))
    this.payload.on('error', (cause) => this.fail(malformed(cause)))
    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) this.fail(tooBig(limit))
      else add(this.body.data, name, value)
    })
    busboy.on('file', (name, stream, filename, _encoding, mimeType) => this.readFile(name, stream, filename, mimeType))
    for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const)
      busboy.on(event, () => this.fail(tooMany()))
    busboy.on('error', (cause: unknown) => this.fail(malformed(cause)))
    busboy.on('finish', () => {
      this.#finished = true
      this.settle()
    })
    this.payload.pipe(busboy)
  }

  readFile(name: string, stream: BusboyFileStream, filename: string, contentType: string): void {
    const chunks: Buffer[] = []
    this.#openFiles++
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('limit', () => this.fail(tooBig(this.bodyLimit)))
    stream.on('error', (cause) => this.fail(malformed(cause)))
    stream.on('end', () => {
      this.#openFiles--
      const data = Buffer.concat(chunks)
      // A file input left empty sends a part with no name and no bytes: no file, as in Django.
      if (filename !== '' || data.length > 0)
        add(this.body.files, name, { name: filename, contentType, size: data.length, data })
      this.settle()
    })
  }

  count(bytes: number): void {
    this.#bytes += bytes
    if (this.#bytes > this.bodyLimit) this.fail(tooBig(this.bodyLimit))
  }

  settle(): void {
    if (this.#settled || !this.#finished || this.#openFiles > 0) return
    this.#settled = true
    this.resolve(this.body)
  }

  fail(error: Error): void {
    if (this.#settled) return
    this.#settled = true
    this.payload.unpipe()
    this.payload.resume() // read the rest and drop it, so the answer can be sent
    this.reject(error)
  }
}

function add<V>(into: Record<string, V | V[]>, key: string, value: V): void {
  const seen = into[key]
  into[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
}

const tooBig = (bodyLimit: number) => new RequestDataTooBig(`The request body is larger than ${bodyLimit} bytes.`)

const tooMany = () =>
  new RequestDataTooBig(`The request body holds more than ${MAX_FILES} files or ${MAX_FIELDS} fields.`)

const malformed = (cause: unknown) =>
  new BadRequest('The request body is not the multipart form its Content-Type says.', { cause })

/** A form body as an object; a repeated key keeps every value, in an array. */
function formData(body: string): Record<string, string | string[]> {
  const data: Record<string, string | string[]> = Object.create(null)
  for (const [key, value] of new URLSearchParams(body)) add(data, key, value)
  return data
}
