// What the browser tests run on: the books sample started as `npm start` starts it (on a free
// port, a fresh SQLite file), and Debian's Chromium driven by playwright-core (no browser
// download), with every console error and page error collected so that a test can fail on them.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

const ROOT = path.resolve(import.meta.dirname, '../../..')
/** Debian's chromium package; `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The running sample: its base URL, and how to stop it. */
export interface Sample {
  url: string
  stop(): Promise<void>
}

/** Start samples/books/dist/main.js on a free port over a new SQLite file; resolves once it listens. */
export async function startSample(): Promise<Sample> {
  const dir = mkdtempSync(path.join(tmpdir(), 'manouche-browser-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    BOOKS_DB: path.join(dir, 'books.sqlite3'),
    // test/setup.ts silences the tests' own applications; the sample must log "Server listening".
    LOG_LEVEL: 'info',
  }
  delete env.DATABASE_URL // CI exports one for PostgreSQL; the browser test wants its own SQLite file
  delete env.WORKERS
  const child = spawn(process.execPath, [path.join(ROOT, 'samples/books/dist/main.js')], { env, stdio: 'pipe' })
  const stop = () => stopChild(child).finally(() => rmSync(dir, { recursive: true, force: true }))
  try {
    return { url: await listeningUrl(child), stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The URL of Fastify's "Server listening at …" log line. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`the sample did not start in 30 s:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      resolve(match[1] as string)
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the sample exited with code ${code} before listening:\n${output}`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** A browser with one page whose console errors (CSP violations included) and uncaught errors are kept. */
export interface Browser {
  page: Page
  /** What the page reported as errors since the last `takeErrors()`. */
  takeErrors(): string[]
  close(): Promise<void>
}

/** Launch Chromium with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium).`)
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'manouche-chromium-'))
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  let errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  return {
    page,
    takeErrors() {
      const taken = errors
      errors = []
      return taken
    },
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** What a suite of browser tests shares: the sample and the browser, set once `before()` ran. */
export interface BrowserSuite {
  sample: Sample
  browser: Browser
}

/**
 * Start the sample and a browser before the suite, stop both after it, and fail each test on any
 * error its page reported that the test did not take itself (`browser.takeErrors()`).
 */
export function useSampleInBrowser(): BrowserSuite {
  const suite = {} as BrowserSuite
  before(async () => {
    suite.sample = await startSample()
    suite.browser = await launchBrowser()
  })
  after(async () => {
    await suite.browser?.close()
    await suite.sample?.stop()
  })
  afterEach(() => {
    expect(suite.browser.takeErrors()).to.deep.equal([])
  })
  return suite
}
