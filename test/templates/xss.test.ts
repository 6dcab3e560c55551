import { EtaEngine, safeUrl } from '@manouche/templates'
import { expect } from 'chai'
import { DIRS } from './helpers.js'

/** Values an attacker might slip into a context, with how each must come out. */
const CORPUS: Array<[string, string]> = [
  ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
  ['" onmouseover="alert(1)', '&quot; onmouseover=&quot;alert(1)'],
  ["' onfocus='alert(1)' autofocus='", '&#39; onfocus=&#39;alert(1)&#39; autofocus=&#39;'],
  ['"><script>alert(1)</script>', '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['javascript:alert("XSS")', 'javascript:alert(&quot;XSS&quot;)'],
  ['" href="javascript:alert(1)', '&quot; href=&quot;javascript:alert(1)'],
  ['</textarea><script>alert(1)</script>', '&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['&lt;script&gt;alert(1)&lt;/script&gt;', '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;'],
  ['&#60;script&#62;', '&amp;#60;script&amp;#62;'],
  ['&quot; onclick=&quot;alert(1)', '&amp;quot; onclick=&amp;quot;alert(1)'],
  ['<!--<script>', '&lt;!--&lt;script&gt;'],
  ['<svg/onload=alert(1)>', '&lt;svg/onload=alert(1)&gt;'],
]

/** xss.html puts `it.text` in text, in double- and single-quoted attributes, in href and in a textarea. */
const page = (value: string) =>
  `<p>${value}</p>\n<input value="${value}">\n<input value='${value}'>\n<a href="${value}">link</a>\n<textarea>${value}</textarea>\n`

describe('EtaEngine autoescaping', () => {
  const engine = new EtaEngine({ dirs: DIRS })

  for (const [attack, escaped] of CORPUS) {
    it(`escapes ${JSON.stringify(attack)} in text, attributes, href and textarea`, async () => {
      const { content } = await engine.render(['xss.html'], { text: attack })
      expect(content).to.equal(page(escaped))
    })
  }

  it('escapes what a non-string value turns into', async () => {
    const sneaky = { toString: () => '<b onclick="x">' }
    const { content } = await engine.render(['xss.html'], { text: sneaky })
    expect(content).to.equal(page('&lt;b onclick=&quot;x&quot;&gt;'))
  })

  it('leaves a javascript: URL without markup as text: href needs a checked URL, not escaping', async () => {
    const { content } = await engine.render(['xss.html'], { text: 'javascript:alert(1)' })
    expect(content).to.include('<a href="javascript:alert(1)">')
  })

  it('turns script URLs into # with safeUrl(), whatever their spelling', async () => {
    const attacks = [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
    ]
    for (const link of attacks) {
      const { content } = await engine.render(['safe-url.html'], { link })
      expect(content, JSON.stringify(link)).to.equal('<a href="#">link</a>\n')
    }
  })

  it('keeps relative, http(s), mailto and tel URLs with safeUrl(), escaped', async () => {
    const kept: Array<[string, string]> = [
      ['/books/?page=2&q=a"b', '/books/?page=2&amp;q=a&quot;b'],
      ['https://example.com/x', 'https://example.com/x'],
      ['mailto:ada@example.com', 'mailto:ada@example.com'],
      ['tel:+331234', 'tel:+331234'],
      ['page:2', '#'],
    ]
    for (const [link, shown] of kept) {
      const { content } = await engine.render(['safe-url.html'], { link })
      expect(content).to.equal(`<a href="${shown}">link</a>\n`)
    }
    expect(safeUrl(undefined)).to.equal('')
  })

  it('leaves <%~ %> raw while <%= %> escapes, as documented', async () => {
    const raw = await engine.eta.renderStringAsync('<%~ it.html %>|<%= it.html %>', { html: '<b>' })
    expect(raw).to.equal('<b>|&lt;b&gt;')
  })
})
