// The Host check of Django's ALLOWED_HOSTS: a request names the site it asks for; only the names
// the application serves pass, so that a forged Host cannot poison links or caches.
import { ManoucheError } from './errors.js'

/** The hosts allowed when `bootstrap()` is given none. Django: the DEBUG defaults of ALLOWED_HOSTS */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/** A request's Host is not one the application serves: a 400. Django: DisallowedHost */
export class DisallowedHost extends ManoucheError {
  constructor(message: string) {
    super(message, 400, 'MNC_ERR_HTTP_DISALLOWED_HOST')
  }
}

// A domain name or bracketed IPv6 literal, then an optional port. Django: host_validation_re
const HOST = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$/

/** `host` split into its lower-cased domain (without a trailing dot) and port; `''` when malformed. Django: split_domain_port */
export function splitDomainPort(host: string): { domain: string; port: string } {
  const match = HOST.exec(host.toLowerCase())
  if (!match) return { domain: '', port: '' }
  const domain = match[1] as string
  return { domain: domain.endsWith('.') ? domain.slice(0, -1) : domain, port: match[2] ?? '' }
}

/**
 * The allowed hosts of one application: `'*'` allows any, `'.example.com'` the domain and its
 * subdomains, any other name only itself (case-insensitive; a trailing dot ignored).
 */
export class AllowedHosts {
  #exact = new Set<string>()
  #suffixes: string[] = []
  #any = false

  constructor(patterns: readonly string[]) {
    for (const pattern of patterns) this.add(pattern)
  }

  /** Allow one more host pattern (the test kit adds `testserver`). */
  add(pattern: string): void {
    const p = pattern.toLowerCase().replace(/\.$/, '')
    if (p === '*') this.#any = true
    else if (p.startsWith('.')) {
      this.#suffixes.push(p)
      this.#exact.add(p.slice(1))
    } else this.#exact.add(p)
  }

  /** Whether `domain` (as `splitDomainPort` gives it) is allowed. Django: validate_host */
  allows(domain: string): boolean {
    if (domain === '') return false
    return this.#any || this.#exact.has(domain) || this.#suffixes.some((suffix) => domain.endsWith(suffix))
  }

  /** `host` when allowed; else throws `DisallowedHost` with Django's message. Django: HttpRequest.get_host */
  check(host: string): string {
    const { domain } = splitDomainPort(host)
    if (this.allows(domain)) return host
    const shown = `'${host.replace(/[\\']/g, (c) => `\\${c}`)}'`
    if (!domain) {
      throw new DisallowedHost(
        `Invalid HTTP_HOST header: ${shown}. The domain name provided is not valid according to RFC 1034/1035.`,
      )
    }
    throw new DisallowedHost(`Invalid HTTP_HOST header: ${shown}. You may need to add '${domain}' to allowedHosts.`)
  }
}
