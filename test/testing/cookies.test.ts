import { CookieJar } from '@manouche/testing'
import { expect } from 'chai'

describe('CookieJar', () => {
  const now = Date.parse('2024-06-01T00:00:00Z')

  describe('store()', () => {
    it('keeps name=value of each Set-Cookie line, the latest value winning', () => {
      const jar = new CookieJar()
      jar.store(['a=1; Path=/; HttpOnly', 'b="quoted value"; Secure'], now)
      jar.store('a=2', now)
      expect([...jar]).to.deep.equal([
        ['a', '2'],
        ['b', '"quoted value"'],
      ])
    })

    it('deletes a cookie whose Max-Age is zero or less, or whose Expires has passed', () => {
      const jar = new CookieJar([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ])
      jar.store(['a=; Max-Age=0', 'b=; Max-Age=-1', 'c=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], now)
      expect(jar.size).to.equal(0)
    })

    it('keeps a cookie whose Expires is ahead, and lets Max-Age win over Expires', () => {
      const jar = new CookieJar()
      jar.store(
        ['a=1; Expires=Wed, 01 Jan 2200 00:00:00 GMT', 'b=2; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
        now,
      )
      jar.store('a=9; Max-Age=0; Expires=Wed, 01 Jan 2200 00:00:00 GMT', now)
      expect([...jar]).to.deep.equal([['b', '2']])
    })

    it('ignores lines without a name', () => {
      const jar = new CookieJar()
      jar.store(['novalue', '=nameless', ' ; a=1'], now)
      expect(jar.size).to.equal(0)
    })
  })

  describe('header()', () => {
    it('joins the cookies held and the request’s own; undefined when none', () => {
      const jar = new CookieJar([['a', '1']])
      expect(jar.header()).to.equal('a=1')
      expect(jar.header(['b=2', 'c=3'])).to.equal('a=1; b=2; c=3')
      expect(new CookieJar().header()).to.equal(undefined)
    })
  })
})
