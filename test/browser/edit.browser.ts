// `npm run test:browser`: adding, editing and deleting a book in headless Chromium, and a form
// whose CSRF token was taken out being refused. `UPDATE_SCREENSHOTS=1` rewrites
// docs/img/book-form-errors.png, the form with its errors that docs/forms.md shows.
import path from 'node:path'
import { expect } from 'chai'
import { useSampleInBrowser } from './harness.js'

const SCREENSHOT = path.resolve(import.meta.dirname, '../../../docs/img/book-form-errors.png')

describe('editing books in a browser', function () {
  this.timeout(60_000)
  const suite = useSampleInBrowser()

  const heading = () => suite.browser.page.locator('h1').innerText()
  const bookCount = async () => {
    await suite.browser.page.goto(`${suite.sample.url}/books/`)
    return Number(/^(\d+) books/.exec(await suite.browser.page.locator('main p').first().innerText())?.[1])
  }

  async function fillBook(title: string): Promise<void> {
    const { page } = suite.browser
    await page.fill('#id_title', title)
    await page.fill('#id_author', 'Émile Zola')
    await page.fill('#id_pages', '464')
    await page.fill('#id_publicationDate', '1880-03-15')
    await page.fill('#id_slug', 'nana')
  }

  it('shows the errors of an empty form, on the form', async () => {
    const { page } = suite.browser
    await page.goto(`${suite.sample.url}/books/`)
    await page.getByRole('link', { name: 'Add a book' }).click()
    expect(await heading()).to.equal('New book')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForSelector('.errorlist')
    expect(new URL(page.url()).pathname).to.equal('/books/new/')
    expect(await page.locator('.errorlist li').allInnerTexts()).to.deep.equal(Array(5).fill('This field is required.'))
    expect(await page.locator('#id_title').getAttribute('aria-invalid')).to.equal('true')
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: SCREENSHOT, fullPage: true })
  })

  it('refuses the form when its CSRF token was taken out, and adds nothing', async () => {
    const { page } = suite.browser
    const before = await bookCount()
    await page.goto(`${suite.sample.url}/books/new/`)
    await page.locator('input[name="csrfmiddlewaretoken"]').evaluate((input) => input.remove())
    await fillBook('Forged')
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ])
    expect(response.status()).to.equal(403)
    expect(await heading()).to.equal('Forbidden (403)')
    expect(await page.locator('pre').innerText()).to.equal('CSRF token missing.')
    // Chromium reports the 403 in the console; nothing else (the error page's icon is found).
    const errors = suite.browser.takeErrors()
    expect(errors).to.have.length(1)
    expect(errors[0]).to.match(/status of 403 \(Forbidden\)/)
    expect(await bookCount()).to.equal(before)
  })

  it('adds a book and lands on its page, edits it, then deletes it', async () => {
    const { page } = suite.browser
    const before = await bookCount()
    await page.getByRole('link', { name: 'Add a book' }).click()
    await fillBook('Nana')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/books\/\d+\/$/)
    const bookUrl = page.url()
    expect(await heading()).to.equal('Nana')
    expect(await page.locator('dd').allInnerTexts()).to.deep.equal(['Émile Zola', '464', '1880-03-15'])
    expect(await bookCount()).to.equal(before + 1)

    await page.goto(bookUrl)
    await page.getByRole('link', { name: 'Edit' }).click()
    expect(await heading()).to.equal('Edit Nana')
    expect(await page.locator('#id_title').inputValue()).to.equal('Nana')
    await page.fill('#id_title', 'Nana (1880)')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(bookUrl)
    expect(await heading()).to.equal('Nana (1880)')

    await page.getByRole('link', { name: 'Delete' }).click()
    expect(await heading()).to.equal('Delete Nana (1880)?')
    await page.getByRole('button', { name: 'Yes, delete it' }).click()
    await page.waitForURL(/\/books\/$/)
    expect(await heading()).to.equal('Books')
    expect(await bookCount()).to.equal(before)
    const gone = await page.goto(bookUrl)
    expect(gone?.status()).to.equal(404)
    const errors = suite.browser.takeErrors()
    expect(errors).to.have.length(1)
    expect(errors[0]).to.match(/status of 404 \(Not Found\)/)
  })
})
