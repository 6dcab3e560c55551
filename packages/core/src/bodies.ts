// Request bodies: URL-encoded forms and JSON through Fastify's parsers, multipart forms through
// @fastify/multipart, all within one `bodyLimit` (files included). Over the limit is a 413, a body
// that is not what its Content-Type says a 400; either way the view never runs.
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BadRequest, ManoucheError, RequestDataTooBig } from './errors.js'
import type { UploadedFile } from './request.js'

/** The default of `bootstrap({ bodyLimit })`: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024
// Django's DATA_UPLOAD_MAX_NUMBER_FILES and DATA_UPLOAD_MAX_NUMBER_FIELDS.
const MAX_FILES = 100
const MAX_FIELDS = 1000

/** A multipart body as a view sees it: the fields (a repeated key as an array) and the files. */
export interface MultipartBody {
  data: Record<string, unknown>
  files: Record<string, UploadedFile | UploadedFile[]>
}

/** Parse URL-encoded forms into an object (repeated keys kept); hand any other unknown type over as a Buffer. */
export function installBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, formData(body as string))
  })
  // Any other media type reaches the view as a Buffer, as Django hands it the raw body.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
}

/**
 * Let the routes of `scope` (those of the methods that carry a body) take multipart forms; the
 * plugin's hooks then run for those methods only, never on a GET.
 */
export async function acceptMultipart(scope: FastifyInstance, bodyLimit: number): Promise<void> {
  const limits = { fileSize: bodyLimit, fieldSize: bodyLimit, files: MAX_FILES, fields: MAX_FIELDS }
  await scope.register(multipart, { limits: { ...limits, parts: MAX_FILES + MAX_FIELDS }, throwFileSizeLimit: true })
}

/** Read a multipart body whole: 413 past `bodyLimit` bytes or the count limits, 400 when it is malformed. */
export async function readMultipart(req: FastifyRequest, bodyLimit: number): Promise<MultipartBody> {
  if (Number(req.headers['content-length']) > bodyLimit) throw tooBig(bodyLimit)
  const body: MultipartBody = { data: Object.create(null), files: Object.create(null) }
  let total = 0
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer()
        total += data.length
        // A file input left empty sends a part with no name and no bytes: no file, as in Django.
        if (part.filename === '' && data.length === 0) continue
        add(body.files, part.fieldname, { name: part.filename, contentType: part.mimetype, size: data.length, data })
      } else {
        if (part.valueTruncated) throw tooBig(bodyLimit)
        total += Buffer.byteLength(typeof part.value === 'string' ? part.value : JSON.stringify(part.value))
        add(body.data, part.fieldname, part.value)
      }
      if (total > bodyLimit) throw tooBig(bodyLimit)
    }
  } catch (error) {
    throw bodyError(error, bodyLimit)
  }
  return body
}

function add<V>(into: Record<string, V | V[]>, key: string, value: V): void {
  const seen = into[key]
  into[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
}

function tooBig(bodyLimit: number): RequestDataTooBig {
  return new RequestDataTooBig(`The request body is larger than ${bodyLimit} bytes.`)
}

/** A failure while reading a multipart body: ours as it is, a limit as a 413, anything else a 400. */
function bodyError(error: unknown, bodyLimit: number): ManoucheError {
  if (error instanceof ManoucheError) return error
  if ((error as { statusCode?: unknown }).statusCode === 413) {
    return new RequestDataTooBig(
      `The request body is larger than ${bodyLimit} bytes, or holds more than ${MAX_FILES} files or ${MAX_FIELDS} fields.`,
      { cause: error },
    )
  }
  return new BadRequest('The request body is not the multipart form its Content-Type says.', { cause: error })
}

/** A form body as an object; a repeated key keeps every value, in an array. */
function formData(body: string): Record<string, string | string[]> {
  const data: Record<string, string | string[]> = Object.create(null)
  for (const [key, value] of new URLSearchParams(body)) add(data, key, value)
  return data
}
