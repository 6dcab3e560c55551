// `node bench/dist/baseline-server.js`: the baseline listening on PORT (0: any), announced over IPC.
import { buildBaseline } from './baseline.js'
import { announce } from './ipc.js'

const app = buildBaseline()
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
announce(app)
