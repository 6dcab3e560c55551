// A process serve.test.ts starts: an app answering its pid, slowly on /slow/, through serve().
// WORKERS, PORT, DRAIN and FAIL come from the environment; each serving process prints `ready <pid>`.
import 'reflect-metadata'
import cluster from 'node:cluster'
import { BaseView, bootstrap, type HttpRequest, HttpResponse, serve, View } from '@manouche/core'

@View('/pid/')
class PidView extends BaseView {
  get() {
    return new HttpResponse(String(process.pid))
  }
}

@View('/slow/')
class SlowView extends BaseView {
  async get(request: HttpRequest) {
    await new Promise((resolve) => setTimeout(resolve, Number(request.query.get('ms') ?? 300)))
    return new HttpResponse(`done ${process.pid}`)
  }
}

// FAIL=1: building the app fails, as it does when the database does not answer.
const createApp = () =>
  process.env.FAIL ? Promise.reject(new Error('no database')) : bootstrap({ views: [PidView, SlowView] })
await serve(createApp, { drainTimeout: Number(process.env.DRAIN ?? 5000) })
if (cluster.isWorker || process.env.WORKERS === '1') console.log(`ready ${process.pid}`)
