// `npm pack` of this package (prepack / postpack): the books template of `manouche new` is the
// books sample itself. prepack copies the sample's package.json, src/ and templates/ into
// project/books/ so that the tarball carries them; postpack removes that copy again, so that the
// repository holds the sample once. In the repository, `manouche new` reads the sample directly.
import { cpSync, rmSync } from 'node:fs'
import path from 'node:path'

const here = path.resolve(import.meta.dirname, '..')
const sample = path.resolve(here, '../../samples/books')
const target = path.join(here, 'project/books')

rmSync(target, { recursive: true, force: true })
if (process.argv[2] === 'copy') {
  for (const part of ['package.json', 'src', 'templates']) {
    cpSync(path.join(sample, part), path.join(target, part), { recursive: true })
  }
} else if (process.argv[2] !== 'remove') {
  console.error('usage: node scripts/books-template.mjs copy|remove')
  process.exit(2)
}
