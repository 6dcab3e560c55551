// `{name}` placeholders in a URL, Python's str.format way: RedirectView fills them from the route
// kwargs, the edit views' successUrl from the saved object's fields.

const PLACEHOLDER = /\{\{|\}\}|\{([^{}]*)\}|[{}]/g

/** What to throw when a URL cannot be filled: an unmatched brace, or a name `values` lacks. */
export interface PlaceholderErrors {
  brace(): Error
  missing(name: string): Error
}

/** Fill `{name}` placeholders of `url` from `values`; `{{` and `}}` are literal braces. */
export function fillPlaceholders(url: string, values: object, fail: PlaceholderErrors): string {
  if (!url.includes('{') && !url.includes('}')) return url
  return url.replace(PLACEHOLDER, (token, name: string | undefined) => {
    if (token === '{{' || token === '}}') return token[0] as string
    if (name === undefined) throw fail.brace()
    if (!Object.hasOwn(values, name)) throw fail.missing(name)
    return String((values as Record<string, unknown>)[name])
  })
}
