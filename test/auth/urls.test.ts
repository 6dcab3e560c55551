import { redirectToLogin, urlHasAllowedHostAndScheme } from '@manouche/auth'
import { expect } from 'chai'

const HOSTS = ['testserver', 'shop.example:8000']

describe('urlHasAllowedHostAndScheme()', () => {
  it('refuses a next that leaves the site or is no http(s) URL', () => {
    const unsafe = [
      '//evil.example',
      '//evil.example/path',
      'https://evil.example/',
      'http://evil.example',
      '\\\\evil.example',
      '\\\\\\evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '/\\/evil.example',
      '///evil.example',
      '////evil.example',
      'http:///evil.example',
      'http:/\\/evil.example',
      'http:\\\\evil.example',
      'javascript:alert(1)',
      ' javascript:alert(1)',
      '\njavascript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://testserver/file',
      'ftp:file',
      'http:8000',
      '\x08//evil.example',
      '\u200b//evil.example',
      'http://testserver\\@evil.example',
      'http://evil.example\\@testserver',
      'http://[::1/',
      'http://::1]/',
      `/${'a'.repeat(2048)}`,
      '',
      '   ',
      '\n',
    ]
    for (const url of unsafe) expect(urlHasAllowedHostAndScheme(url, HOSTS), JSON.stringify(url)).to.equal(false)
    expect(urlHasAllowedHostAndScheme(null, HOSTS)).to.equal(false)
    expect(urlHasAllowedHostAndScheme(undefined, HOSTS)).to.equal(false)
  })

  it('accepts paths and URLs on an allowed host', () => {
    const safe = [
      '/',
      '/books/?page=2',
      '/search/?q=http://evil.example',
      'books/?next=//evil.example',
      '/with%20space/',
      'relative/http:8000',
      'https://testserver/',
      'HTTP://testserver/books/',
      '//testserver/',
      'http://shop.example:8000/cart/',
      'http://testserver/confirm?email=me@evil.example',
      '  /trimmed/  ',
    ]
    for (const url of safe) expect(urlHasAllowedHostAndScheme(url, HOSTS), url).to.equal(true)
  })

  it('takes one host as a string, none as null, and can require https', () => {
    expect(urlHasAllowedHostAndScheme('http://good.example/', 'good.example')).to.equal(true)
    expect(urlHasAllowedHostAndScheme('http://good.example.evil/', 'good.example')).to.equal(false)
    expect(urlHasAllowedHostAndScheme('/path/', null)).to.equal(true)
    expect(urlHasAllowedHostAndScheme('//good.example/', null)).to.equal(false)
    expect(urlHasAllowedHostAndScheme('https://good.example/', 'good.example', true)).to.equal(true)
    expect(urlHasAllowedHostAndScheme('http://good.example/', 'good.example', true)).to.equal(false)
    expect(urlHasAllowedHostAndScheme('//good.example/', 'good.example', true)).to.equal(false)
    expect(urlHasAllowedHostAndScheme('/path/', 'good.example', true)).to.equal(true)
  })

  it('compares credentials as part of the host, as Django does', () => {
    expect(urlHasAllowedHostAndScheme('http://user:pw@testserver/', ['user:pw@testserver'])).to.equal(true)
    expect(urlHasAllowedHostAndScheme('http://user:pw@testserver/', ['testserver'])).to.equal(false)
  })
})

describe('redirectToLogin()', () => {
  it('adds next to the login URL, keeping its slashes readable', () => {
    const res = redirectToLogin('/books/1/?tab=a b', '/accounts/login/', 'next')
    expect([res.status, res.headers.get('location')]).to.deep.equal([
      302,
      '/accounts/login/?next=/books/1/%3Ftab%3Da%20b',
    ])
    expect(redirectToLogin('/x/', '/login/?next=/old/', 'next').headers.get('location')).to.equal('/login/?next=/x/')
    expect(redirectToLogin('/x/', '/login/', null).headers.get('location')).to.equal('/login/')
  })
})
