// `npm run test:browser`: the books sample in headless Chromium, as a reader uses it. Every test
// also fails on any error the page reports in its console (CSP violations included).
import { expect } from 'chai'
import { useSampleInBrowser } from './harness.js'

describe('the books sample in a browser', function () {
  this.timeout(60_000)
  const suite = useSampleInBrowser()

  const heading = () => suite.browser.page.locator('h1').innerText()

  it('pages through the list: next, last, previous, first', async () => {
    const { page } = suite.browser
    const res = await page.goto(`${suite.sample.url}/books/`)
    expect(res?.status()).to.equal(200)
    expect(await heading()).to.equal('Books')
    expect(await page.locator('ol > li').count()).to.equal(20)
    expect(await page.locator('.pagination span').innerText()).to.equal('Page 1 of 50')
    await page.getByRole('link', { name: 'next ›' }).click()
    await page.waitForURL(/\/books\/\?page=2$/)
    expect(await page.locator('.pagination span').innerText()).to.equal('Page 2 of 50')
    expect(await page.locator('ol').getAttribute('start')).to.equal('21')
    await page.getByRole('link', { name: 'last »' }).click()
    expect(await page.locator('.pagination span').innerText()).to.equal('Page 50 of 50')
    expect(await page.getByRole('link', { name: 'next ›' }).count()).to.equal(0)
    await page.getByRole('link', { name: '‹ previous' }).click()
    expect(await page.locator('.pagination span').innerText()).to.equal('Page 49 of 50')
    await page.getByRole('link', { name: '« first' }).click()
    expect(await page.locator('.pagination span').innerText()).to.equal('Page 1 of 50')
  })

  it('goes from the list to a book and back', async () => {
    const { page } = suite.browser
    await page.goto(`${suite.sample.url}/books/`)
    const first = page.locator('ol > li a').first()
    const title = await first.innerText()
    await first.click()
    await page.waitForURL(/\/books\/\d+\/$/)
    expect(await heading()).to.equal(title)
    expect(await page.title()).to.equal(`${title} · Manouche library`)
    expect(await page.locator('dt').allInnerTexts()).to.deep.equal(['Author', 'Pages', 'Published'])
    await page.getByRole('link', { name: 'All books' }).click()
    expect(await heading()).to.equal('Books')
  })

  it('browses the archive: years, a year, a book', async () => {
    const { page } = suite.browser
    await page.goto(`${suite.sample.url}/books/`)
    await page.getByRole('link', { name: 'Archive by date' }).click()
    expect(await heading()).to.equal('Archive')
    const year = page.locator('p a').first()
    const yearText = await year.innerText()
    await year.click()
    expect(await heading()).to.equal(`Books of ${yearText}`)
    const month = page.locator('main ul li a').first()
    await month.click()
    await page.waitForURL(new RegExp(`/books/archive/${yearText}/[a-z]{3}/$`))
    const book = page.locator('main ol li a').first()
    const title = await book.innerText()
    await book.click()
    expect(await heading()).to.equal(title)
  })

  it('answers a missing book with the 404 page', async () => {
    const { page } = suite.browser
    const res = await page.goto(`${suite.sample.url}/books/999999/`)
    expect(res?.status()).to.equal(404)
    expect(await heading()).to.equal('Not Found')
    // The sample's own 404.html: its layout (title, navigation, style sheet), not the bare default.
    expect(await page.title()).to.equal('Not Found · Manouche library')
    expect(await page.locator('nav a').allTextContents()).to.deep.equal(['Books', 'About'])
    expect(await page.locator('main p code').textContent()).to.equal('/books/999999/')
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).to.equal('768px')
    // Chromium reports the page's own 404 in the console; nothing else (the icon is found).
    const errors = suite.browser.takeErrors()
    expect(errors).to.have.length(1)
    expect(errors[0]).to.match(/status of 404 \(Not Found\) \(http:\/\/127\.0\.0\.1:\d+\/books\/999999\/\)$/)
  })

  it('serves its pages under its Content-Security-Policy, which they satisfy (style sheet, icon)', async () => {
    const { page } = suite.browser
    const res = await page.goto(`${suite.sample.url}/books/`)
    expect(res?.headers()['content-security-policy']).to.equal(
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    // The style sheet loaded: the layout's width comes from it, not from an inline style.
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).to.equal('768px')
    const icon = await page.request.get(`${suite.sample.url}/favicon.ico`)
    expect(icon.status()).to.equal(200)
    expect(icon.headers()['content-type']).to.equal('image/x-icon')
    expect(icon.headers()['content-security-policy']).to.include("default-src 'self'")
  })

  it('would see a CSP violation: the console collector is live', async () => {
    const csp = `<meta http-equiv="Content-Security-Policy" content="img-src 'none'"><img src="data:,">`
    await suite.browser.page.goto(`${suite.sample.url}/about/`)
    await suite.browser.page.setContent(csp)
    await suite.browser.page.waitForTimeout(200)
    const errors = suite.browser.takeErrors()
    expect(errors.join('\n')).to.match(/Content Security Policy/)
  })

  it('reaches the about page from the navigation', async () => {
    const { page } = suite.browser
    await page.goto(`${suite.sample.url}/books/`)
    await page.getByRole('link', { name: 'About' }).click()
    await page.waitForURL(/\/about\/$/)
    expect((await page.title()).length).to.be.greaterThan(0)
  })
})
