import * as nodePath from 'node:path'
import { EtaEngine, SuspiciousFileOperation } from '@manouche/templates'
import { normalizeTemplateName, TemplateLoader } from '@manouche/templates/internal'
import { expect } from 'chai'
import { DIRS, FIXTURES, MAIN, spyFileSystem } from './helpers.js'

/** Names that try to leave the template folders, and why each is refused. */
const TRAVERSALS: Array<[string, string]> = [
  ['../secret.html', 'it climbs out of the template folders'],
  ['./../secret.html', 'it climbs out of the template folders'],
  ['a/../../b', 'it climbs out of the template folders'],
  ['nested/../../secret.html', 'it climbs out of the template folders'],
  ['..', 'it climbs out of the template folders'],
  ['/etc/passwd', 'it is an absolute path'],
  [`${FIXTURES}/secret.html`, 'it is an absolute path'],
  ['C:/Windows/win.ini', 'it is an absolute path'],
  ['..\\x', 'it holds a backslash'],
  ['a\\..\\..\\secret.html', 'it holds a backslash'],
  ['secret.html\0.html', 'it holds a NUL byte'],
]

const refusal = (name: string, why: string) =>
  `The template name '${name.replace('\0', '\\x00')}' is refused: ${why}. Template names are relative to the template folders and may not leave them.`

describe('normalizeTemplateName()', () => {
  for (const [name, why] of TRAVERSALS) {
    it(`refuses ${JSON.stringify(name)}: ${why}`, () => {
      expect(() => normalizeTemplateName(name)).to.throw(SuspiciousFileOperation, refusal(name, why))
    })
  }

  it('answers 400 with a stable code', () => {
    try {
      normalizeTemplateName('../x.html')
      expect.fail('expected a refusal')
    } catch (error) {
      expect(error).to.include({ statusCode: 400, code: 'MNC_ERR_TEMPLATES_UNSAFE_NAME' })
    }
  })

  it('keeps a name that stays inside, in canonical form', () => {
    expect(normalizeTemplateName('a/../b.html')).to.equal('b.html')
    expect(normalizeTemplateName('./a//b/./c.html')).to.equal('a/b/c.html')
  })

  it('takes ./ and ../ relative to the including template', () => {
    expect(normalizeTemplateName('./x.html', 'a/b/page.html')).to.equal('a/b/x.html')
    expect(normalizeTemplateName('../x.html', 'a/b/page.html')).to.equal('a/x.html')
    expect(normalizeTemplateName('x.html', 'a/b/page.html')).to.equal('x.html')
  })

  it('refuses a relative name that climbs above the folders from the including template', () => {
    expect(() => normalizeTemplateName('../../x.html', 'a/page.html')).to.throw(
      SuspiciousFileOperation,
      'it climbs out of the template folders',
    )
  })
})

describe('TemplateLoader', () => {
  it('refuses to read a file it did not find', () => {
    const fileSystem = spyFileSystem()
    const loader = new TemplateLoader({ dirs: DIRS, cache: false, defaultExtension: '.eta', fileSystem })
    expect(() => loader.read(nodePath.join(FIXTURES, 'secret.html'))).to.throw(SuspiciousFileOperation)
    expect(fileSystem.read).to.deep.equal([])
  })

  it('gives the file of the first folder holding a name', () => {
    const loader = new TemplateLoader({
      dirs: DIRS,
      cache: true,
      defaultExtension: '.eta',
      fileSystem: spyFileSystem(),
    })
    expect(loader.find('shadowed.html')).to.equal(nodePath.join(MAIN, 'shadowed.html'))
    expect(loader.nameOf(nodePath.join(MAIN, 'shadowed.html'))).to.equal('shadowed.html')
  })
})

describe('EtaEngine and path traversal', () => {
  for (const debug of [false, true]) {
    for (const [name, why] of TRAVERSALS) {
      it(`refuses ${JSON.stringify(name)} without touching the disk${debug ? ' (debug)' : ''}`, async () => {
        const fileSystem = spyFileSystem()
        const engine = new EtaEngine({ dirs: DIRS, debug, fileSystem })
        let error: unknown
        try {
          await engine.render([name], {})
        } catch (e) {
          error = e
        }
        expect(error).to.be.instanceOf(SuspiciousFileOperation)
        expect((error as Error).message).to.equal(refusal(name, why))
        expect(fileSystem.checked).to.deep.equal([])
        expect(fileSystem.read).to.deep.equal([])
      })
    }

    it(`refuses a layout that climbs out, reading nothing but the child${debug ? ' (debug)' : ''}`, async () => {
      const fileSystem = spyFileSystem()
      const engine = new EtaEngine({ dirs: DIRS, debug, fileSystem })
      let error: unknown
      try {
        await engine.render(['climbing-layout.html'], {})
      } catch (e) {
        error = e
      }
      expect(error).to.be.instanceOf(SuspiciousFileOperation)
      expect(fileSystem.read).to.deep.equal([nodePath.join(MAIN, 'climbing-layout.html')])
      expect(fileSystem.checked.every((file) => DIRS.some((dir) => file.startsWith(dir + nodePath.sep)))).to.equal(true)
    })
  }
})
