// The packages as if published: `npm pack` each one, create a project with `manouche new`,
// install the tarballs there (no workspace links), then build it, run its test, check it,
// serve it and fetch its pages. This is what proves the exports maps, the .d.ts files, the
// `files` lists and the dependencies. better-sqlite3 builds from source on install (about a
// minute), hence the timeout.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import nodePath from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { BIN, finished, freePort, ROOT, SERVING_ENV, tempDir, waitFor } from './helpers.js'

const run = promisify(execFile)
const PACKAGES = ['core', 'templates', 'data', 'auth', 'forms', 'generic', 'testing', 'manouche'].map(
  (p) => `packages/${p}`,
)
/** npm without the workspace's settings, its audit and funding notices, or a progress bar. */
const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_progress: 'false' }

describe('the packages, packed as if published', function () {
  this.timeout(420_000) // about 3 min on a busy 2-core machine; room for a slower one
  const dir = tempDir('packed')
  const app = nodePath.join(dir.path, 'app')
  let server: ChildProcess | undefined

  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    dir.remove()
  })

  it('make a project with manouche new that installs, builds, passes its test, checks and serves', async () => {
    const workspaces = PACKAGES.flatMap((p) => ['--workspace', p])
    await run('npm', ['pack', '--pack-destination', dir.path, ...workspaces], { cwd: ROOT, env: NPM_ENV })
    const tarballs = readdirSync(dir.path).filter((file) => file.endsWith('.tgz'))
    expect(tarballs).to.have.length(PACKAGES.length)
    // The books template travels in the tarball as the sample's copy; the repository keeps none.
    const listing = await run('tar', ['-tzf', nodePath.join(dir.path, tarballs.find((t) => /^manouche-\d/.test(t))!)])
    expect(listing.stdout).to.contain('package/project/books/src/views.ts')
    expect(listing.stdout).to.contain('package/project/books/templates/books/book_list.html')
    expect(listing.stdout).not.to.contain('pack-sample')
    expect(listing.stdout).not.to.contain('package/project/books/dist/')
    expect(existsSync(nodePath.join(ROOT, 'packages/manouche/project/books'))).to.equal(false)

    const created = await finished(spawn(process.execPath, [BIN, 'new', app], { cwd: dir.path }))
    expect(created.code, created.stderr).to.equal(0)
    const install = ['install', ...tarballs.map((file) => nodePath.join(dir.path, file))]
    await run('npm', install, { cwd: app, env: NPM_ENV, maxBuffer: 16 * 1024 * 1024 })
    // Every @manouche package comes from its tarball, none from a workspace link.
    const lock = JSON.parse(readFileSync(nodePath.join(app, 'package-lock.json'), 'utf8'))
    for (const name of ['manouche', '@manouche/core', '@manouche/data']) {
      expect(lock.packages[`node_modules/${name}`].resolved, name).to.match(/^file:\.\.\/.*\.tgz$/)
    }

    const test = await run('npm', ['test'], { cwd: app, env: NPM_ENV })
    expect(test.stdout).to.match(/3 passing/)
    const check = await run(nodePath.join(app, 'node_modules/.bin/manouche'), ['check'], { cwd: app })
    expect(check.stdout).to.equal('manouche check: no problems found in dist/app.js.\n')

    const port = await freePort()
    server = spawn(nodePath.join(app, 'node_modules/.bin/manouche'), ['serve', '--port', String(port)], {
      cwd: app,
      env: SERVING_ENV,
    })
    let log = ''
    server.stdout!.on('data', (chunk) => {
      log += chunk
    })
    await waitFor('the server', () => log.includes('Server listening at'))
    const home = await fetch(`http://127.0.0.1:${port}/`)
    expect(home.status).to.equal(200)
    expect(await home.text()).to.contain('This page is served by HomeView')
    const notes = await (await fetch(`http://127.0.0.1:${port}/notes/`)).text()
    expect(notes).to.match(/<li>Run the tests \(2026-01-03\)<\/li>\s*<li>Write a view/)
    expect((await fetch(`http://127.0.0.1:${port}/notes/?page=9`)).status).to.equal(404)
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    server.kill('SIGTERM')
    expect(await exited).to.equal(0)
  })

  it('make a books project, from the packed copy of the sample, whose tests pass against the same packages', async () => {
    // The installed manouche's own bin: outside the repository it reads project/books in its package.
    const books = nodePath.join(dir.path, 'books')
    const installedBin = nodePath.join(app, 'node_modules/manouche/dist/cli/bin.js')
    const created = await finished(spawn(process.execPath, [installedBin, 'new', books, '--template', 'books']))
    expect(created.code, created.stderr).to.equal(0)
    expect(readFileSync(nodePath.join(books, 'src/views.ts'), 'utf8')).to.equal(
      readFileSync(nodePath.join(ROOT, 'samples/books/src/views.ts'), 'utf8'),
    )
    symlinkSync(nodePath.join(app, 'node_modules'), nodePath.join(books, 'node_modules'), 'dir')
    const test = await run('npm', ['test'], { cwd: books, env: { ...NPM_ENV, BOOKS_DB: ':memory:' } })
    expect(test.stdout).to.match(/\d+ passing/)
    // Mocha's summary lines (a suite's title may hold the word: "the books sample, failing to start").
    expect(test.stdout).not.to.match(/\d+ (failing|pending)/)
  })
})
