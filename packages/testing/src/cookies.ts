/**
 * The cookies of one test client: what `Set-Cookie` headers set, sent back as `Cookie` on the
 * client's later requests. A simple jar: one value per name, whatever the path or domain; a
 * cookie whose `Max-Age` is zero or less, or whose `Expires` has passed, is deleted.
 */
export class CookieJar extends Map<string, string> {
  /** Apply the `Set-Cookie` header(s) of a response. */
  store(setCookie: string | readonly string[] | undefined, now = Date.now()): void {
    if (setCookie === undefined) return
    for (const line of typeof setCookie === 'string' ? [setCookie] : setCookie) this.#storeOne(line, now)
  }

  /** The `Cookie` header for the cookies held, joined with any the request brings itself; undefined when none. */
  header(own?: string | readonly string[]): string | undefined {
    const jar = [...this].map(([name, value]) => `${name}=${value}`)
    const all = [...jar, ...(own === undefined ? [] : typeof own === 'string' ? [own] : own)]
    return all.length > 0 ? all.join('; ') : undefined
  }

  #storeOne(line: string, now: number): void {
    const [pair = '', ...attributes] = line.split(';')
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq).trim()
    if (eq <= 0 || name === '') return
    if (isExpired(attributes, now)) this.delete(name)
    else this.set(name, pair.slice(eq + 1).trim())
  }
}

/** Whether the attributes of a `Set-Cookie` line delete the cookie. */
function isExpired(attributes: readonly string[], now: number): boolean {
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=', 2).map((part) => part.trim())
    // Max-Age wins over Expires (RFC 6265 §5.3), so it decides alone when present.
    if (key.toLowerCase() === 'max-age' && /^-?\d+$/.test(value)) return Number(value) <= 0
  }
  const expires = attributes.find((a) => a.trim().toLowerCase().startsWith('expires='))
  const when = expires === undefined ? Number.NaN : Date.parse(expires.slice(expires.indexOf('=') + 1))
  return when <= now
}
