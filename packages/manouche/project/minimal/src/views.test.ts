import { expect, use } from 'chai'
import { MemoryQuerySet, querySetToken } from 'manouche'
import { chaiManouche, createTestClient, type TestClient } from 'manouche/testing'
import { TEMPLATES } from './app.js'
import { firstNotes } from './db.js'
import { Note } from './models.js'
import { views } from './views.js'

use(chaiManouche)

describe('the application', () => {
  let client: TestClient
  before(async () => {
    // The notes in memory: no database for this test.
    client = await createTestClient({
      views,
      templates: { dirs: [TEMPLATES] },
      overrides: [[querySetToken(Note), { useValue: new MemoryQuerySet(firstNotes(), { model: Note }) }]],
    })
  })
  after(() => client.close())

  it('renders the home page', async () => {
    const res = await client.get('/')
    expect(res).to.have.status(200).and.to.have.templateUsed('home.html')
  })

  it('lists the notes newest first', async () => {
    const res = await client.get('/notes/')
    expect(res).to.have.status(200).and.to.have.templateUsed('notes/note_list.html')
    expect((res.context!.noteList as Note[]).map((note) => note.title)).to.deep.equal([
      'Run the tests',
      'Write a view',
      'Install Manouche',
    ])
  })

  it('answers 405 to a POST', async () => {
    expect(await client.post('/notes/')).to.have.status(405)
  })
})
