import { errors } from './errors.js'

/**
 * Turns one route segment into a value and back: `regex` matches the text, `toValue` converts it
 * (throwing when it does not fit, which makes the route not match) and `toUrl` writes it.
 * Django: path converters
 */
export interface Converter<T = unknown> {
  readonly regex: string
  toValue(text: string): T
  toUrl(value: T): string
}

const intConverter: Converter<number> = {
  regex: '[0-9]+',
  toValue(text) {
    const value = Number(text)
    // Beyond 2^53 a JavaScript number no longer holds the integer the client sent.
    if (!Number.isSafeInteger(value)) throw new RangeError(`${text} is too large for <int:>`)
    return value
  },
  toUrl: (value) => String(value),
}

const stringConverter = (regex: string): Converter<string> => ({
  regex,
  toValue: (text) => text,
  toUrl: (value) => String(value),
})

const converters = new Map<string, Converter>([
  ['int', intConverter as Converter],
  ['str', stringConverter('[^/]+')],
  ['slug', stringConverter('[-a-zA-Z0-9_]+')],
  ['uuid', stringConverter('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')],
  // Python's `.` refuses only a newline; JavaScript's also refuses CR, U+2028 and U+2029.
  ['path', stringConverter('[^\\n]+')],
])

/** Add a converter usable as `<name:kwarg>` in routes declared afterwards. Django: register_converter */
export function registerConverter(name: string, converter: Converter): void {
  if (converters.has(name)) throw errors.converterExists(name)
  converters.set(name, converter)
}

/** The converter registered as `name`, or undefined. */
export function getConverter(name: string): Converter | undefined {
  return converters.get(name)
}
