// `npm pack` of this package runs `node dist/cli/pack-sample.js copy` first (prepack) and `remove`
// after (postpack): the tarball carries the books sample in project/books, as `manouche new
// --template books` takes it outside this repository, and the repository holds the sample once.
import { cpSync, rmSync } from 'node:fs'
import nodePath from 'node:path'
import { sampleEntries } from './new.js'

const sample = nodePath.resolve(import.meta.dirname, '../../../../samples/books')
const target = nodePath.resolve(import.meta.dirname, '../../project/books')

rmSync(target, { recursive: true, force: true })
if (process.argv[2] === 'copy') {
  for (const entry of [...sampleEntries(sample), 'package.json']) {
    cpSync(nodePath.join(sample, entry), nodePath.join(target, entry), { recursive: true })
  }
} else if (process.argv[2] !== 'remove') {
  console.error('usage: node dist/cli/pack-sample.js copy|remove')
  process.exitCode = 2
}
