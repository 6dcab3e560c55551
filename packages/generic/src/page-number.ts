/**
 * Page numbers read the way Django reads them: with Python's `int()`. It accepts surrounding
 * whitespace, one `+`/`-` sign, `_` between digits, leading zeros and any Unicode decimal digit
 * (`'٣'` is 3), and rejects everything else (`'2.0'`, `'1e3'`, `'0x10'`, `'frog'`, `''`).
 * Numbers are kept as bigint so `'99999999999999999999'` stays exact in messages.
 */

/** Python refuses to read integers of more than 4300 digits (sys.int_info.default_max_str_digits). */
const MAX_DIGITS = 4300
const ASCII_INTEGER = /^[+-]?[0-9]+(?:_[0-9]+)*$/
const NON_ASCII_DIGIT = /\p{Nd}/u
const DECIMAL_DIGIT = /^\p{Nd}$/u

/** Read `text` as Python's `int(text)` would; undefined where Python raises ValueError. Django: int(page) */
export function parsePythonInt(text: string): bigint | undefined {
  const trimmed = text.trim()
  if (trimmed.length > MAX_DIGITS * 2 + 1) return undefined
  const ascii = NON_ASCII_DIGIT.test(trimmed) ? toAsciiDigits(trimmed) : trimmed
  if (!ASCII_INTEGER.test(ascii)) return undefined
  const digits = ascii.replace(/[+_-]/g, '')
  if (digits.length > MAX_DIGITS) return undefined
  return BigInt(ascii.replaceAll('_', ''))
}

/**
 * The integer a page number stands for, or undefined: integral numbers, bigints and strings
 * Python's `int()` accepts. Booleans, fractions, NaN, Infinity and other values are not integers.
 */
export function toPageInteger(value: unknown): number | bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined
  if (typeof value === 'bigint') return value
  if (typeof value === 'string') return parsePythonInt(value)
  return undefined
}

/** Replace every Unicode decimal digit by its ASCII digit (`'١٢'` -> `'12'`), as Python does before parsing. */
function toAsciiDigits(text: string): string {
  let out = ''
  for (const char of text) out += DECIMAL_DIGIT.test(char) ? String(digitValue(char)) : char
  return out
}

/**
 * Unicode encodes decimal digits in runs of ten, 0 to 9 (a stability guarantee), and adjacent
 * runs stay whole: the value is the distance from the start of the run of digits, modulo ten.
 */
function digitValue(char: string): number {
  const code = char.codePointAt(0) as number
  let start = code
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--
  return (code - start) % 10
}
