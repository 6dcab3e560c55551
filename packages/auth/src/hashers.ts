// Password hashing with node:crypto's scrypt. The encoded form carries its own parameters, so
// hashes made with other costs keep verifying: `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64).
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

const ALGORITHM = 'scrypt'
// Django's ScryptPasswordHasher uses N = 2^14 and r = 8; p = 1 keeps a check to tens of ms of one core.
const COST = 2 ** 14
const BLOCK_SIZE = 8
const PARALLELISM = 1
const KEY_LENGTH = 64
const SALT_BYTES = 16
// A stored hash asking for more than this is refused rather than run (it would take memory and time).
const MAX_COST = 2 ** 20

function derive(raw: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? COST) * (options.r ?? BLOCK_SIZE) * (options.p ?? PARALLELISM)
  return new Promise((resolve, reject) => {
    scrypt(raw, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** Hash a raw password with a fresh random salt: `scrypt$16384$8$1$<salt>$<hash>`. Django: make_password */
export async function makePassword(raw: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(raw, salt, { N: COST, r: BLOCK_SIZE, p: PARALLELISM })
  return [ALGORITHM, COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$')
}

interface Encoded {
  options: ScryptOptions
  salt: Buffer
  key: Buffer
}

function decode(encoded: string): Encoded | undefined {
  const [algorithm, n, r, p, salt, key, ...rest] = encoded.split('$')
  const numbers = [n, r, p].map((value) => (/^[1-9]\d{0,7}$/.test(value ?? '') ? Number(value) : 0))
  const [N = 0, blockSize = 0, parallelism = 0] = numbers
  if (algorithm !== ALGORITHM || rest.length > 0 || salt === undefined || key === undefined) return undefined
  if (
    N < 2 ||
    N > MAX_COST ||
    (N & (N - 1)) !== 0 ||
    blockSize === 0 ||
    blockSize > 32 ||
    parallelism === 0 ||
    parallelism > 16
  )
    return undefined
  const decoded = {
    options: { N, r: blockSize, p: parallelism },
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  }
  return decoded.key.length === KEY_LENGTH ? decoded : undefined
}

/**
 * Whether `raw` is the password `encoded` was made from, compared in constant time. A malformed
 * or unknown encoding is `false`, never an error. Django: check_password
 */
export async function checkPassword(raw: string, encoded: string | null | undefined): Promise<boolean> {
  const parsed = typeof encoded === 'string' ? decode(encoded) : undefined
  if (parsed === undefined || typeof raw !== 'string') return false
  const key = await derive(raw, parsed.salt, parsed.options)
  return timingSafeEqual(key, parsed.key)
}

/** Whether `encoded` is a hash this module can check (not an unusable or foreign one). Django: is_password_usable */
export function isPasswordUsable(encoded: string | null | undefined): boolean {
  return typeof encoded === 'string' && decode(encoded) !== undefined
}
