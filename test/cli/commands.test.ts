import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import nodePath from 'node:path'
import { expect } from 'chai'
import {
  BIN,
  FIXTURES,
  finished,
  freePort,
  manouche,
  projectWithEntry,
  ROOT,
  SERVING_ENV,
  tempDir,
  waitFor,
} from './helpers.js'

const sample = (name: string) => nodePath.join(ROOT, 'samples', name)
// The books sample's entry opens (and seeds) its database: an in-memory one here.
// An in-memory library, whatever DATABASE_URL the suite runs with (the sample would migrate that database).
const MEMORY = { BOOKS_DB: ':memory:', DATABASE_URL: 'sqlite::memory:' }

describe('the manouche command', function () {
  this.timeout(20_000)

  describe('bad usage', () => {
    it('answers an unknown command with the usage and exit code 2', async () => {
      const res = await manouche(['serv'], ROOT)
      expect(res.code).to.equal(2)
      expect(res.stderr).to.contain("manouche: unknown command 'serv'.")
      expect(res.stderr).to.contain('Usage: manouche <command> [options]')
      expect(res.stdout).to.equal('')
    })

    it('answers an unknown flag, or a flag without its value, with the usage and exit code 2', async () => {
      const unknown = await manouche(['routes', '--jsn'], sample('hello'))
      expect(unknown.code).to.equal(2)
      expect(unknown.stderr).to.contain("routes: Unknown option '--jsn'")
      expect(unknown.stderr).to.contain('Usage: manouche')
      const noValue = await manouche(['serve', '--port'], sample('hello'))
      expect(noValue.code).to.equal(2)
      expect(noValue.stderr).to.contain("Option '-p, --port <value>' argument missing")
    })

    it('refuses a port that is no port number', async () => {
      const res = await manouche(['serve', '--port', '80a'], sample('hello'))
      expect(res.code).to.equal(2)
      expect(res.stderr).to.contain("--port must be a port number (0 to 65535), not '80a'.")
    })

    it('prints the usage with exit code 2 when given no command, and 0 for --help', async () => {
      expect((await manouche([], ROOT)).code).to.equal(2)
      const help = await manouche(['--help'], ROOT)
      expect(help.code).to.equal(0)
      expect(help.stdout).to.contain('new <dir> [--template minimal|books]')
      expect(help.stdout).to.contain('routes [--json]')
    })
  })

  describe('routes', () => {
    it("lists the books sample's patterns in order, with names, views, methods and converters", async () => {
      const res = await manouche(['routes'], sample('books'), MEMORY)
      expect(res.stderr).to.equal('')
      expect(res.code).to.equal(0)
      expect(res.stdout.split('\n').map((line) => line.split(/\s{2,}/))).to.deep.equal([
        ['ROUTE', 'NAME', 'VIEW', 'METHODS', 'CONVERTERS'],
        ['/books/', 'book-list', 'BookListView', 'GET,HEAD,OPTIONS', '-'],
        ['/books/new/', 'book-create', 'BookCreateView', 'GET,POST,PUT,HEAD,OPTIONS', '-'],
        ['/books/<int:pk>/', 'book-detail', 'BookDetailView', 'GET,HEAD,OPTIONS', 'pk:int'],
        ['/books/<int:pk>/edit/', 'book-update', 'BookUpdateView', 'GET,POST,PUT,HEAD,OPTIONS', 'pk:int'],
        ['/books/<int:pk>/delete/', 'book-delete', 'BookDeleteView', 'GET,POST,DELETE,HEAD,OPTIONS', 'pk:int'],
        ['/about/', 'about', 'AboutView', 'GET,HEAD,OPTIONS', '-'],
        ['/', 'home', 'HomeView', 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS', '-'],
        ['/books/archive/', 'book-archive', 'BookArchiveView', 'GET,HEAD,OPTIONS', '-'],
        ['/books/archive/today/', 'book-archive-today', 'BookTodayArchiveView', 'GET,HEAD,OPTIONS', '-'],
        ['/books/archive/<int:year>/', 'book-archive-year', 'BookYearArchiveView', 'GET,HEAD,OPTIONS', 'year:int'],
        [
          '/books/archive/<int:year>/week/<int:week>/',
          'book-archive-week',
          'BookWeekArchiveView',
          'GET,HEAD,OPTIONS',
          'year:int week:int',
        ],
        [
          '/books/archive/<int:year>/<str:month>/',
          'book-archive-month',
          'BookMonthArchiveView',
          'GET,HEAD,OPTIONS',
          'year:int month:str',
        ],
        [
          '/books/archive/<int:year>/<str:month>/<int:day>/',
          'book-archive-day',
          'BookDayArchiveView',
          'GET,HEAD,OPTIONS',
          'year:int month:str day:int',
        ],
        [
          '/books/archive/<int:year>/<str:month>/<int:day>/<int:pk>/',
          'book-archive-detail',
          'BookDateDetailView',
          'GET,HEAD,OPTIONS',
          'year:int month:str day:int pk:int',
        ],
        ['/static/books.css', 'style', 'StyleView', 'GET,HEAD,OPTIONS', '-'],
        ['/favicon.ico', 'favicon', 'FaviconView', 'GET,HEAD,OPTIONS', '-'],
        [''],
      ])
    })

    it('gives the same as JSON with --json: URLconf patterns first, then the @View classes', async () => {
      const res = await manouche(['routes', '--json'], sample('about'))
      expect(res.code).to.equal(0)
      expect(JSON.parse(res.stdout)).to.deep.equal([
        { route: '/about/', name: 'about', view: 'TemplateView', methods: ['GET', 'HEAD', 'OPTIONS'], converters: {} },
        {
          route: '/about-us/',
          name: 'about-us',
          view: 'AboutView',
          methods: ['GET', 'HEAD', 'OPTIONS'],
          converters: {},
        },
      ])
      const hello = JSON.parse((await manouche(['routes', '--json'], sample('hello'))).stdout)
      expect(hello[1]).to.deep.equal({
        route: '/greet/<str:name>/',
        name: 'greet',
        view: 'GreetView',
        methods: ['GET', 'HEAD', 'OPTIONS'],
        converters: { name: 'str' },
      })
    })

    it('names a function view (any method), an included route and a view limited to some methods', async () => {
      const dir = projectWithEntry(nodePath.join(FIXTURES, 'routes-app.js'))
      try {
        const res = await manouche(['routes', '--json'], dir.path)
        expect(res.code).to.equal(0)
        expect(JSON.parse(res.stdout)).to.deep.equal([
          { route: '/ping/', name: null, view: 'ping', methods: null, converters: {} },
          {
            route: '/shop/<slug:shop>/items/<int:pk>/',
            name: 'shop:item',
            view: 'FormView',
            methods: ['GET', 'POST'],
            converters: { shop: 'slug', pk: 'int' },
          },
        ])
        const text = await manouche(['routes'], dir.path)
        expect(text.stdout.split('\n')[1]?.split(/\s{2,}/)).to.deep.equal(['/ping/', '-', 'ping', '(any)', '-'])
      } finally {
        dir.remove()
      }
    })

    it('says the application does not bootstrap, and points to check, when it does not', async () => {
      const dir = projectWithEntry(nodePath.join(FIXTURES, 'broken-app.js'))
      try {
        const res = await manouche(['routes'], dir.path)
        expect(res.code).to.equal(1)
        expect(res.stderr).to.match(
          /^manouche: the application does not bootstrap \(manouche check lists every error\): /,
        )
        expect(res.stdout).to.equal('')
      } finally {
        dir.remove()
      }
    })
  })

  describe('check', () => {
    for (const name of ['books', 'about', 'hello']) {
      it(`finds no problem in the ${name} sample`, async () => {
        const res = await manouche(['check'], sample(name), MEMORY)
        expect(res.stderr).to.equal('')
        expect(res.code).to.equal(0)
        expect(res.stdout).to.equal('manouche check: no problems found in dist/entry.js.\n')
      })
    }

    it('reports every mistake of a broken application, not only the first, and exits 1', async () => {
      const dir = projectWithEntry(nodePath.join(FIXTURES, 'broken-app.js'))
      try {
        mkdirSync(nodePath.join(dir.path, 'templates'))
        writeFileSync(nodePath.join(dir.path, 'templates/fine.html'), '<p>fine</p>')
        writeFileSync(nodePath.join(dir.path, 'templates/typo.html'), '<% if (it.x) { %>')
        const res = await manouche(['check'], dir.path)
        expect(res.code).to.equal(1)
        expect(res.stdout).to.equal('')
        const lines = res.stderr.trimEnd().split('\n')
        expect(lines[0]).to.equal(`manouche check: 6 problems in ${nodePath.join(FIXTURES, 'broken-app.js')}:`)
        expect(lines[1]).to.equal('  - MixedView: MixedView HTTP handlers must either be all sync or all async.')
        expect(lines[2]).to.equal("  - BadRouteView: URL route 'things/<slugg:id>/' uses invalid converter 'slugg'.")
        expect(lines[3]).to.equal(
          "  - ShelfYearView: ShelfYearView.dateField is 'label', which is no date field of shelf.",
        )
        expect(lines[4]).to.equal("  - URLconf: Route name 'twice' is used by both FirstView and SecondView.")
        expect(lines[5]).to.match(/^ {2}- templates: .*typo\.html/)
        expect(lines[6]).to.equal(
          `  - MissingTemplateView: MissingTemplateView (/missing/) renders 'missing.html', which no template folder holds (searched: templates).`,
        )
        expect(lines).to.have.length(7)
      } finally {
        dir.remove()
      }
    })
  })

  describe('serve', () => {
    it('serves on --workers processes, each its own app, and drains to exit 0 on SIGTERM', async () => {
      const port = await freePort()
      const args = [BIN, 'serve', '--port', String(port), '--workers', '2']
      const child = spawn(process.execPath, args, { cwd: sample('books'), env: { ...SERVING_ENV, ...MEMORY } })
      const done = finished(child)
      let log = ''
      child.stdout?.on('data', (chunk) => {
        log += chunk
      })
      await waitFor('two workers listening', () => (log.match(/Server listening/g) ?? []).length >= 2)
      const pids = new Set<number>()
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/books/1/`, { headers: { connection: 'close' } })
        expect(res.status).to.equal(200)
        await res.text()
      }
      for (const match of log.matchAll(/"pid":(\d+)[^\n]*"statusCode":200/g)) pids.add(Number(match[1]))
      expect(pids.size, 'answering processes (round-robin)').to.equal(2)
      expect(pids.has(child.pid as number), 'the primary answered').to.equal(false)
      child.kill('SIGTERM')
      const res = await done
      expect(res.code, res.stderr).to.equal(0)
    })

    it('refuses a worker count that is not a whole number of at least 1', async () => {
      for (const workers of ['0', 'two', '1.5']) {
        const res = await manouche(['serve', '--workers', workers], sample('hello'))
        expect(res.code, workers).to.equal(2)
        expect(res.stderr).to.contain(`--workers must be a whole number of at least 1, not '${workers}'.`)
      }
    })

    it('says why an application could not start, in one line, and exits 1', async () => {
      const dir = projectWithEntry(nodePath.join(FIXTURES, 'broken-app.js'))
      try {
        const res = await manouche(['serve', '--port', '0'], dir.path)
        expect(res.code).to.equal(1)
        expect(res.stderr).to.equal(
          'manouche: the application could not start (manouche check lists configuration errors): MixedView HTTP handlers must either be all sync or all async.\n',
        )
      } finally {
        dir.remove()
      }
    })

    it('names a template folder that does not exist, and a port in use, in one line', async () => {
      const dir = projectWithEntry('entry.mjs')
      const templates = nodePath.join(dir.path, 'templatse')
      writeFileSync(
        nodePath.join(dir.path, 'entry.mjs'),
        `export default () => ({ views: [], templates: { dirs: [${JSON.stringify(templates)}] } })\n`,
      )
      const taken = createServer().listen(0, '127.0.0.1')
      await once(taken, 'listening')
      try {
        const res = await manouche(['serve', '--port', '0'], dir.path)
        expect(res.code).to.equal(1)
        expect(res.stderr).to.equal(
          `manouche: the application could not start (manouche check lists configuration errors): The template folder ${templates} does not exist (templates.dirs of bootstrap()).\n`,
        )
        writeFileSync(nodePath.join(dir.path, 'entry.mjs'), 'export default () => ({ views: [] })\n')
        const { port } = taken.address() as AddressInfo
        const busy = await manouche(['serve', '--port', String(port)], dir.path)
        expect(busy.code).to.equal(1)
        expect(busy.stderr).to.equal(
          `manouche: the application could not start (manouche check lists configuration errors): serve(): cannot listen on 127.0.0.1:${port}: the port is in use (another server, or this one started twice?).\n`,
        )
      } finally {
        taken.close()
        dir.remove()
      }
    })
  })

  describe('the entry file', () => {
    it('names the missing file and what it should export', async () => {
      const dir = projectWithEntry('dist/app.js')
      try {
        const res = await manouche(['check'], dir.path)
        expect(res.code).to.equal(1)
        expect(res.stderr).to.contain(
          'manouche: The entry file dist/app.js (package.json "manouche.app") does not exist: build the project first (npm run build), or correct the path.',
        )
        expect(res.stderr).to.contain('It should `export default` the options of bootstrap()')
      } finally {
        dir.remove()
      }
    })

    it('names a file with no default export, or one giving no options', async () => {
      for (const [file, found] of [
        ['no-default.js', 'it has no default export'],
        ['wrong-default.js', 'its default export gives a string'],
      ]) {
        const entry = nodePath.join(FIXTURES, file as string)
        const dir = projectWithEntry(entry)
        try {
          const res = await manouche(['routes'], dir.path)
          expect(res.code).to.equal(1)
          expect(res.stderr).to.contain(`manouche: The entry file ${entry} exports no bootstrap options: ${found}.`)
          expect(res.stderr).to.contain('or a function (async or not) returning them.')
        } finally {
          dir.remove()
        }
      }
    })

    it('says what to add to a package.json that names no entry file', async () => {
      const dir = projectWithEntry(undefined)
      try {
        const res = await manouche(['serve'], dir.path)
        expect(res.code).to.equal(1)
        expect(res.stderr).to.contain(
          'manouche: package.json has no entry file: add "manouche": { "app": "dist/app.js" }',
        )
      } finally {
        dir.remove()
      }
    })
  })

  describe('new', () => {
    it('writes a project into a new folder, naming the package after it', async () => {
      const dir = tempDir('new')
      try {
        const target = nodePath.join(dir.path, 'My Library')
        const res = await manouche(['new', target], dir.path)
        expect(res.code).to.equal(0)
        expect(res.stdout).to.contain('npm install && npm start')
        const files = readdirSync(target, { recursive: true, encoding: 'utf8' })
        for (const file of ['.gitignore', '.mocharc.json', 'tsconfig.json', 'README.md', 'src/app.ts']) {
          expect(files).to.include(file)
        }
        expect(files).to.include.members(['src/views.test.ts', 'templates/notes/note_list.html'])
        const packageJson = JSON.parse(readFileSync(nodePath.join(target, 'package.json'), 'utf8'))
        expect(packageJson.name).to.equal('my-library')
        expect(packageJson.manouche).to.deep.equal({ app: 'dist/app.js' })
        expect(packageJson.dependencies.manouche).to.equal('^0.1.0')
        const readme = readFileSync(nodePath.join(target, 'README.md'), 'utf8')
        expect(readme).to.match(/^# my-library\n/)
        expect(readme).to.contain(
          '- `src/app.ts`: the entry file (`"manouche": { "app": "dist/app.js" }` in package.json).',
        )
        const tsconfig = JSON.parse(readFileSync(nodePath.join(target, 'tsconfig.json'), 'utf8'))
        expect(tsconfig.compilerOptions).to.include({ experimentalDecorators: true, emitDecoratorMetadata: true })
      } finally {
        dir.remove()
      }
    })

    it('writes the books sample itself as the books template: its src/, templates/, entry and dependencies', async () => {
      const dir = tempDir('new')
      try {
        const target = nodePath.join(dir.path, 'library')
        const res = await manouche(['new', target, '--template', 'books'], dir.path)
        expect(res.code).to.equal(0)
        const filesOf = (root: string) =>
          readdirSync(root, { recursive: true, encoding: 'utf8' })
            .filter((file) => !statSync(nodePath.join(root, file)).isDirectory())
            .sort()
        for (const part of ['src', 'templates']) {
          const own = filesOf(nodePath.join(sample('books'), part))
          expect(own).to.include(part === 'src' ? 'views.ts' : 'layout.html')
          expect(filesOf(nodePath.join(target, part)), part).to.deep.equal(own)
          for (const file of own) {
            const copy = readFileSync(nodePath.join(target, part, file), 'utf8')
            expect(copy, file).to.equal(readFileSync(nodePath.join(sample('books'), part, file), 'utf8'))
          }
        }
        // All the sample holds but its build output, database and workspace files.
        expect(readdirSync(sample('books'))).to.include.members(['dist', 'tsconfig.json'])
        expect(readdirSync(target).sort()).to.deep.equal(
          [
            '.gitignore',
            '.mocharc.json',
            'README.md',
            'package.json',
            'src',
            'static',
            'templates',
            'tsconfig.json',
          ].sort(),
        )
        expect(readFileSync(nodePath.join(target, 'tsconfig.json'), 'utf8')).not.to.contain('../../')
        const samplePackage = JSON.parse(readFileSync(nodePath.join(sample('books'), 'package.json'), 'utf8'))
        const packageJson = JSON.parse(readFileSync(nodePath.join(target, 'package.json'), 'utf8'))
        expect(packageJson.name).to.equal('library')
        expect(packageJson.manouche).to.deep.equal(samplePackage.manouche)
        expect(packageJson.scripts).to.include({ ...samplePackage.scripts, start: 'tsc -b && manouche serve' })
        expect(packageJson.dependencies).to.deep.equal({ ...samplePackage.dependencies, manouche: '^0.1.0' })
        const readme = readFileSync(nodePath.join(target, 'README.md'), 'utf8')
        expect(readme).to.contain(`"app": "${samplePackage.manouche.app}"`)
        expect(readme).to.contain('`DATABASE_URL=postgres://…` to use PostgreSQL')
      } finally {
        dir.remove()
      }
    })

    it('refuses a folder that holds anything, and leaves it as it was', async () => {
      const dir = tempDir('new')
      try {
        writeFileSync(nodePath.join(dir.path, 'package.json'), '{}')
        const res = await manouche(['new', dir.path], ROOT)
        expect(res.code).to.equal(1)
        expect(res.stderr).to.equal(
          `manouche: ${dir.path} is not empty: manouche new writes a project only into a new or empty folder.\n`,
        )
        expect(readdirSync(dir.path)).to.deep.equal(['package.json'])
      } finally {
        dir.remove()
      }
    })

    it('refuses an unknown template, or no folder, with the usage', async () => {
      const dir = tempDir('new')
      try {
        const res = await manouche(['new', nodePath.join(dir.path, 'app'), '--template', 'huge'], ROOT)
        expect(res.code).to.equal(2)
        expect(res.stderr).to.contain("manouche: unknown template 'huge': choose minimal or books.")
        expect(existsSync(nodePath.join(dir.path, 'app'))).to.equal(false)
        const none = await manouche(['new'], ROOT)
        expect(none.code).to.equal(2)
        expect(none.stderr).to.contain('new needs the folder to write the project into.')
      } finally {
        dir.remove()
      }
    })
  })
})
