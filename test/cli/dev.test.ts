import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import nodePath from 'node:path'
import { expect } from 'chai'
import { BIN, freePort, ROOT, SERVING_ENV, tempDir, waitFor } from './helpers.js'

/** A project whose one view answers `text`; its node_modules are the workspace's. */
function appSource(text: string): string {
  return `import { BaseView, HttpResponse, View } from 'manouche'

@View('/', { name: 'home' })
export class HomeView extends BaseView {
  get() {
    return new HttpResponse(${JSON.stringify(text)})
  }
}

export default { views: [HomeView] }
`
}

describe('manouche dev', function () {
  this.timeout(90_000)
  const dir = tempDir('dev')
  const app = nodePath.join(dir.path, 'src/app.ts')
  let dev: ChildProcess | undefined
  let stdout = ''
  let stderr = ''
  const listening = () => stdout.split('Server listening at').length - 1

  before(() => {
    mkdirSync(nodePath.join(dir.path, 'src'))
    symlinkSync(nodePath.join(ROOT, 'node_modules'), nodePath.join(dir.path, 'node_modules'), 'dir')
    writeFileSync(
      nodePath.join(dir.path, 'package.json'),
      JSON.stringify({ name: 'dev-test', type: 'module', manouche: { app: 'dist/app.js' } }),
    )
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      skipLibCheck: true,
      rootDir: 'src',
      outDir: 'dist',
    }
    writeFileSync(nodePath.join(dir.path, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }))
    writeFileSync(app, appSource('first build'))
  })

  after(async () => {
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev!.once('exit', resolve))
      dev.kill('SIGTERM')
      await exited
    }
    dir.remove()
  })

  it('serves each good build on the same port, keeps the last good server through a failed one, and stops', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/`
    dev = spawn(process.execPath, [BIN, 'dev', '--port', String(port)], { cwd: dir.path, env: SERVING_ENV })
    dev.stdout!.on('data', (chunk) => {
      stdout += chunk
    })
    dev.stderr!.on('data', (chunk) => {
      stderr += chunk
    })

    await waitFor('the first server', () => listening() === 1)
    expect(stdout).to.contain('manouche dev: build succeeded, starting the server')
    expect(await (await fetch(url)).text()).to.equal('first build')

    writeFileSync(app, appSource('second build'))
    await waitFor('a restart after an edit', () => listening() === 2)
    expect(stdout).to.contain('manouche dev: build succeeded, restarting the server')
    expect(await (await fetch(url)).text()).to.equal('second build')

    const now = new Date()
    utimesSync(app, now, now) // touched, not changed
    await waitFor('a restart after a touch', () => listening() === 3)
    expect(await (await fetch(url)).text()).to.equal('second build')

    writeFileSync(app, `${appSource('third build')}\nexport const broken: number = 'not a number'\n`)
    await waitFor('the failed build', () => stdout.includes('the last good server keeps running'))
    expect(stderr).to.match(/src\/app\.ts.*error TS2322: Type 'string' is not assignable to type 'number'/)
    expect(listening()).to.equal(3)
    expect(await (await fetch(url)).text()).to.equal('second build')

    const exited = new Promise((resolve) => dev!.once('exit', resolve))
    dev.kill('SIGTERM')
    expect(await exited).to.equal(0)
    // The server went with it: nothing listens on the port any more.
    let refused: unknown
    await fetch(url).catch((error) => {
      refused = error
    })
    expect(refused).to.be.an('error')
  })
})
