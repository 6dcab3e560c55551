// `node bench/dist/baseline-server.js`: the baseline listening on PORT (0: any), announced over IPC;
// with BENCH_LIBRARY_DB (a database file library.ts copied), it serves the write workload too.
import { buildBaseline } from './baseline.js'
import { announce } from './ipc.js'

const app = buildBaseline(undefined, process.env.BENCH_LIBRARY_DB)
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
announce(app)
