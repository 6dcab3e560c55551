// `node bench/dist/manouche-server.js`: the Manouche app listening on PORT (0: any), announced over IPC;
// with BENCH_LIBRARY_DB (a database file library.ts copied), it serves the write workload too.
import { announce } from './ipc.js'
import { buildManouche } from './manouche-app.js'

const app = await buildManouche(undefined, process.env.BENCH_LIBRARY_DB)
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
announce(app)
