// How a bench server talks to the bench: it reports its port once listening, and answers
// questions: `cpu` (its CPU time so far, user + system, µs), and `heap-start` / `heap-stop`
// (V8's sampling heap profiler over the requests in between, collected objects included).
import { Session } from 'node:inspector/promises'
import type { FastifyInstance } from 'fastify'

/** What `heap-stop` answers: bytes allocated while sampling, in all and by allocating function. */
export interface HeapSummary {
  bytes: number
  /** `function file:line` and its bytes, most first (the first 15). */
  top: [string, number][]
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: ProfileNode[]
}

let session: Session | undefined

async function answerQuestion(question: string): Promise<unknown> {
  if (question === 'cpu') {
    const { user, system } = process.cpuUsage()
    return user + system
  }
  if (question === 'heap-start') {
    session = new Session()
    session.connect()
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    })
    return 'started'
  }
  if (question === 'heap-stop' && session) {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } }
    session.disconnect()
    return summarize(profile.head)
  }
  return undefined
}

function summarize(head: ProfileNode): HeapSummary {
  const byFrame = new Map<string, number>()
  let bytes = 0
  const visit = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame
    const frame = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + node.selfSize)
    bytes += node.selfSize
    for (const child of node.children) visit(child)
  }
  visit(head)
  return { bytes, top: [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 15) }
}

/** Tell the parent process `app` is listening, and answer its questions. */
export function announce(app: FastifyInstance): void {
  process.on('message', (question) => {
    if (typeof question !== 'string') return
    void answerQuestion(question).then((value) => process.send?.({ answer: question, value }))
  })
  // Exit at once on SIGTERM, so a profiler wrapping the server (callgrind) writes its counts.
  process.once('SIGTERM', () => process.exit(0))
  process.send?.({ port: (app.server.address() as { port: number }).port })
}
