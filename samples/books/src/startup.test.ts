// Clean start-up failures of `npm start` (dist/main.js in a child process): one line saying what
// and where, exit code 1, the stack only with DEBUG=1.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'

const MAIN = path.resolve(import.meta.dirname, 'main.js')

/** Run the sample's main with `env` until it exits; its code and what it wrote to stderr. */
async function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  const child = spawn(process.execPath, [MAIN], {
    env: { ...inherited, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
  })
  const [code] = await once(child, 'exit')
  return { code, stderr }
}

describe('the books sample, failing to start', function () {
  this.timeout(20_000)
  let dir: string
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'books-startup-'))
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('names the port in use, in one line, and exits 1', async () => {
    const taken = net.createServer().listen(0, '127.0.0.1')
    await once(taken, 'listening')
    const { port } = taken.address() as net.AddressInfo
    try {
      const res = await start({ PORT: String(port), BOOKS_DB: path.join(dir, 'books.sqlite3') })
      expect(res.code).to.equal(1)
      expect(res.stderr).to.equal(
        `books: serve(): cannot listen on 127.0.0.1:${port}: the port is in use (another server, or this one started twice?).\n`,
      )
    } finally {
      taken.close()
    }
  })

  it('names a database file it cannot open: its folder missing, a folder, or not SQLite', async () => {
    const missing = path.join(dir, 'no-such-folder', 'books.sqlite3')
    const folder = path.join(dir, 'a-folder.sqlite3')
    fs.mkdirSync(folder)
    const text = path.join(dir, 'notes.sqlite3')
    fs.writeFileSync(text, 'These are notes, not a database. '.repeat(20))
    const cases = [
      [missing, 'Cannot open database because the directory does not exist'],
      [folder, 'unable to open database file'],
      [text, 'file is not a database'],
    ]
    for (const [file, why] of cases) {
      const res = await start({ BOOKS_DB: file as string })
      expect(res.code, file).to.equal(1)
      expect(res.stderr).to.equal(`books: Cannot open the SQLite database ${file}: ${why}\n`)
    }
    expect(fs.readFileSync(text, 'utf8')).to.equal('These are notes, not a database. '.repeat(20)) // left as it was
  })

  it('adds the stack with DEBUG=1', async () => {
    const text = path.join(dir, 'debug-notes.sqlite3')
    fs.writeFileSync(text, 'Not a database either. '.repeat(20))
    const res = await start({ BOOKS_DB: text, DEBUG: '1' })
    expect(res.code).to.equal(1)
    const [first, ...rest] = res.stderr.trimEnd().split('\n')
    expect(first).to.match(/^books: Cannot open the SQLite database .*notes\.sqlite3: file is not a database$/)
    expect(rest[0]).to.match(/^DatabaseUnavailable: /)
    expect(rest.some((line) => /^ {4}at /.test(line))).to.equal(true)
  })
})
