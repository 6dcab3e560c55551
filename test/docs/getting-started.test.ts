// docs/getting-started.md packs the packages by hand until they are published: its list must be
// every package of the workspace, or a reader's project misses one.
import { readFileSync } from 'node:fs'
import { expect } from 'chai'

const root = new URL('../../../', import.meta.url)

describe('docs/getting-started.md', () => {
  it('packs every package of the workspace, and says how many', () => {
    const guide = readFileSync(new URL('docs/getting-started.md', root), 'utf8')
    const workspaces: string[] = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).workspaces
    const packages = workspaces.filter((w) => w.startsWith('packages/')).sort()
    const packed = [...guide.matchAll(/-w (packages\/[a-z-]+)/g)].map((m) => m[1]).sort()
    expect(packed).to.deep.equal(packages)
    const words = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']
    expect(guide).to.include(`pack its ${words[packages.length]} packages`)
  })
})
