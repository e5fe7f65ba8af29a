'use strict'
// The API clients against a real node:http server on 127.0.0.1, started by each test.

const assert = require('node:assert/strict')
const http = require('node:http')
const net = require('node:net')
const path = require('node:path')
const { describe, it } = require('node:test')
const { inspect } = require('node:util')
const { Worker } = require('node:worker_threads')

const { pbx, voice, VoiceClient, YayClient, ApiError, CallflowError, TransportError, ValidationError } = require('..')

const KEY = 'sk-node-5ecret'
const CREATED = {
  sessionId: '03cc8cac-376b-11ef-a28b-0582ff0039d5',
  sessionStatus: 'CREATED',
  callFlowRequestId: '03cc3e8b-376b-11ef-a28b-4dd5d900ecb3',
  statusCode: 1,
  statusMessage: 'Created',
}
const FLOW = {
  callflow: [
    { action: 'makeCall', params: { source: '+6512341234', destination: '+6512345678' } },
    { action: 'say', params: { text: 'Your code is 1 2 3 4.', voiceProfile: 'en-US-Jenny' } },
    { action: 'hangup' },
  ],
}

/**
 * Starts a server answering each request with the next reply (the last one repeats):
 * `{ status, body, headers, delay }`. Resolves to `{ url, seen, close }`.
 */
async function serve(...replies) {
  const seen = []
  const server = http.createServer((request, response) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      seen.push({
        method: request.method,
        path: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      })
      const reply = replies[Math.min(seen.length, replies.length) - 1]
      const timer = setTimeout(() => {
        const body = reply.body === undefined ? '' : JSON.stringify(reply.body)
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        response.end(body)
      }, reply.delay ?? 0)
      response.on('close', () => clearTimeout(timer))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}

/** Runs `test` against a server started with `replies`, and stops the server. */
async function withServer(replies, test) {
  const server = await serve(...replies)
  try {
    await test(server)
  } finally {
    await server.close()
  }
}

describe('VoiceClient', () => {
  it('sends a callflow and resolves to the session', () =>
    withServer([{ status: 200, body: CREATED }], async (server) => {
      const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url })
      const flow = voice.Callflow.fromJson(JSON.stringify(FLOW))
      const session = await client.sendCallflow(flow)
      assert.deepEqual({ ...session }, CREATED)
      assert.equal(server.seen.length, 1)
      const [request] = server.seen
      assert.equal(request.method, 'POST')
      assert.equal(request.path, '/api/v1/subaccounts/8x8_Testing/callflows')
      assert.equal(request.headers.authorization, `Bearer ${KEY}`)
      assert.deepEqual(JSON.parse(request.body), FLOW)
      assert.equal(client.subaccountId, '8x8_Testing')
    }))

  it('rejects an invalid callflow with ValidationError and sends nothing', () =>
    withServer([{ status: 200, body: CREATED }], async (server) => {
      const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url })
      await assert.rejects(client.sendCallflow({ callflow: [{ action: 'hangup' }] }), (err) => {
        assert.ok(err instanceof ValidationError)
        assert.equal(err.statusCode, -1013)
        return true
      })
      assert.equal(server.seen.length, 0)
    }))

  it('rejects an error answer with ApiError', () =>
    withServer(
      [
        {
          status: 422,
          body: {
            sessionStatus: 'NOT_CREATED',
            callFlowRequestId: 'req-7',
            statusCode: -1014,
            statusMessage: 'Source or caller ID is not allowed',
          },
        },
      ],
      async (server) => {
        const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url })
        await assert.rejects(client.sendCallflow(JSON.stringify(FLOW)), (err) => {
          assert.ok(err instanceof ApiError && err instanceof CallflowError && err instanceof Error)
          assert.equal(err.name, 'ApiError')
          assert.equal(err.code, 'api-error')
          assert.equal(err.status, 422)
          assert.equal(err.statusCode, -1014)
          assert.equal(err.statusMessage, 'Source or caller ID is not allowed')
          assert.equal(err.requestId, 'req-7')
          assert.equal(err.message, 'HTTP 422 (status -1014): Source or caller ID is not allowed [request req-7]')
          return true
        })
        assert.equal(server.seen.length, 1)
      },
    ))

  it('retries a 429 after Retry-After, waiting on the clock it is given', () =>
    withServer(
      [
        { status: 429, body: { code: 1002, message: 'slow down' }, headers: { 'retry-after': '7' } },
        { status: 200, body: CREATED },
      ],
      async (server) => {
        // A virtual clock: each wait is recorded and ends at once.
        const waits = []
        const sleep = async (ms) => {
          waits.push({ ms, requests: server.seen.length })
        }
        const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url, sleep })
        const session = await client.sendCallflow(Buffer.from(JSON.stringify(FLOW)))
        assert.equal(session.statusCode, 1)
        assert.equal(server.seen.length, 2)
        assert.deepEqual(waits, [{ ms: 7000, requests: 1 }], 'Retry-After honoured between the two requests')
      },
    ))

  it('gives up on a 429 that asks for more than a minute, without waiting', () =>
    withServer([{ status: 429, body: { code: 1002, message: 'slow down' }, headers: { 'retry-after': '3600' } }], async (server) => {
      const waits = []
      const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url, sleep: (ms) => void waits.push(ms) })
      await assert.rejects(client.webhooks(), (err) => {
        assert.ok(err instanceof ApiError)
        assert.deepEqual([err.status, err.retryAfter, err.statusMessage], [429, 3600, 'slow down'])
        return true
      })
      assert.deepEqual([server.seen.length, waits], [1, []])
    }))

  it('times out on a slow server without resending the callflow', () =>
    withServer([{ status: 200, body: CREATED, delay: 5000 }], async (server) => {
      const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url, timeout: 300, sleep: () => {} })
      await assert.rejects(client.sendCallflow(FLOW), (err) => {
        assert.ok(err instanceof TransportError && err instanceof CallflowError)
        assert.equal(err.name, 'TransportError')
        assert.equal(err.code, 'timeout')
        return true
      })
      assert.equal(server.seen.length, 1)
    }))

  it('manages webhooks with typed results', () =>
    withServer(
      [
        {
          status: 200,
          body: { webhooks: [{ type: 'VSS', url: 'https://example.com/vss', enabled: true, httpAuthHeaderAvailable: true }] },
        },
        { status: 200, body: { type: 'VSS', url: 'https://example.com/vss', enabled: false } },
      ],
      async (server) => {
        const client = new VoiceClient(KEY, '8x8_Testing', { baseUrl: server.url })
        const hooks = await client.setWebhook({ type: 'VSS', url: 'https://example.com/vss', httpAuthHeader: 'hook-secret' })
        assert.deepEqual(hooks.map((hook) => ({ ...hook })), [
          { type: 'VSS', url: 'https://example.com/vss', enabled: true, httpAuthHeaderAvailable: true },
        ])
        const gone = await client.deleteWebhook('VSS')
        assert.equal(gone.enabled, false)
        assert.deepEqual(JSON.parse(server.seen[0].body), {
          type: 'VSS',
          url: 'https://example.com/vss',
          httpAuthHeader: 'hook-secret',
        })
        assert.equal(server.seen[1].method, 'DELETE')
        assert.equal(server.seen[1].path, '/api/v1/subaccounts/8x8_Testing/webhooks/VSS')
      },
    ))

  it('previews a request with the key redacted, and never shows the key', () => {
    const client = new VoiceClient(KEY, '8x8_Testing')
    const preview = client.previewCallflow(FLOW)
    assert.equal(preview.method, 'POST')
    assert.equal(preview.url, 'https://voice.8x8.com/api/v1/subaccounts/8x8_Testing/callflows')
    assert.equal(preview.headers.authorization, '***')
    assert.ok(!JSON.stringify(preview).includes(KEY))
    assert.ok(!inspect(client, { showHidden: true, depth: 5 }).includes(KEY))
    assert.throws(() => client.previewCallflow({ callflow: [] }), ValidationError)
  })

  it('refuses bad settings with a TypeError', () => {
    assert.throws(() => new VoiceClient(KEY, 'a b'), (err) => err instanceof TypeError && /sub-account id/.test(err.message))
    assert.throws(() => new VoiceClient(KEY, '8x8_Testing', { baseUrl: 'not a url' }), TypeError)
    for (const options of [{ timeout: 0 }, { connectTimeout: 0 }]) {
      assert.throws(() => new VoiceClient(KEY, '8x8_Testing', options), {
        name: 'TypeError',
        message: /timeout must be more than zero$/,
      })
    }
    assert.throws(() => new VoiceClient(KEY, '8x8_Testing', { onBehalfOf: 'cust-1' }), TypeError)
    assert.throws(() => new VoiceClient(KEY, '8x8_Testing').deleteWebhook('VXX'), {
      name: 'TypeError',
      message: /webhook type "VXX": expected VCA, VSS, VCS, VRU or VNU$/,
    })
  })
})

describe('YayClient', () => {
  const PETE = {
    uuid: '31347d42',
    name: 'Call Pete',
    extension: 501,
    flow: {
      start: { module: 'start', next: 'ext' },
      ext: { module: 'extension', extensions: [{ type: 'sipuser', uuid: 'u-1' }], noanswer: 'busy' },
      busy: { module: 'busy' },
    },
    created_on: '2023-06-07',
  }
  const envelope = (status, result) => ({ status, body: { result, status_code: status, status_message: 'OK' } })

  it('reads, replaces and deletes flows with the X-Auth headers', () =>
    withServer(
      [envelope(200, [PETE]), envelope(200, {}), { status: 204 }, envelope(200, { extension: 502 })],
      async (server) => {
        const client = new YayClient('acme', 'admin', 'hunter2', { onBehalfOf: 'cust-1', baseUrl: server.url })
        const [pete] = await client.listFlows()
        assert.equal(pete.name, 'Call Pete')
        const stored = await client.updateFlow('31347d42', pbx.CallFlow.fromJson({ ...pete, name: 'Call Peter' }))
        assert.equal(stored.name, 'Call Peter')
        await client.deleteFlow('31347d42')
        assert.equal(await client.nextExtension(), 502)
        assert.deepEqual(
          server.seen.map(({ method, path }) => `${method} ${path}`),
          ['GET /voip/flow', 'PUT /voip/flow/31347d42', 'DELETE /voip/flow/31347d42', 'GET /voip/next-extension/flow'],
        )
        assert.deepEqual(JSON.parse(server.seen[1].body), { ...PETE, name: 'Call Peter' })
        const headers = server.seen[0].headers
        assert.deepEqual(
          [headers['x-auth-reseller'], headers['x-auth-user'], headers['x-auth-password'], headers['x-auth-for']],
          ['acme', 'admin', 'hunter2', 'cust-1'],
        )
        assert.ok(!inspect(client, { showHidden: true, depth: 5 }).includes('hunter2'))
      },
    ))

  it('modifies a flow: reads it, applies the change, writes the whole object back', () =>
    withServer([envelope(200, PETE), envelope(200, {}), envelope(200, PETE), envelope(200, {}), envelope(200, PETE)], async (server) => {
      const client = new YayClient('acme', 'admin', 'hunter2', { baseUrl: server.url })
      const renamed = await client.modifyFlow('31347d42', async (flow) => ({ ...flow, name: 'Call Peter' }))
      assert.equal(renamed.name, 'Call Peter')
      await client.modifyFlow('31347d42', (flow) => {
        flow.show_call_route_name = true
      })
      assert.deepEqual(
        server.seen.map(({ method, path }) => `${method} ${path}`),
        ['GET /voip/flow/31347d42', 'PUT /voip/flow/31347d42', 'GET /voip/flow/31347d42', 'PUT /voip/flow/31347d42'],
      )
      assert.deepEqual(JSON.parse(server.seen[1].body), { ...PETE, name: 'Call Peter' })
      assert.deepEqual(JSON.parse(server.seen[3].body), { ...PETE, show_call_route_name: true })
      await assert.rejects(client.modifyFlow('31347d42', null), (err) => err instanceof TypeError)
      assert.equal(server.seen.length, 4)
      await assert.rejects(
        client.modifyFlow('31347d42', async () => {
          throw new Error('no change today')
        }),
        /no change today/,
      )
      assert.equal(server.seen.length, 5, 'read, not written')
    }))

  it('checks a flow before sending it and rejects a not-found envelope', () =>
    withServer([{ status: 404, body: { result: {}, status_code: 404, status_message: 'Not Found' } }], async (server) => {
      const client = new YayClient('acme', 'admin', 'hunter2', { baseUrl: server.url })
      await assert.rejects(
        client.createFlow({ name: 'Broken', extension: 1, flow: { start: { module: 'start', next: 'x' } } }),
        (err) => err instanceof ValidationError && err.statusCode === 'dangling-reference',
      )
      await assert.rejects(
        client.updateFlow('31347d42', { name: 'Broken', extension: 1, flow: { start: { next: 'x' } } }),
        (err) => err instanceof ValidationError && err.issues[0].code === 'invalid-structure',
      )
      assert.equal(server.seen.length, 0)
      await assert.rejects(client.getFlow('missing'), (err) => {
        assert.ok(err instanceof ApiError)
        assert.deepEqual([err.status, err.statusCode, err.statusMessage], [404, 404, 'Not Found'])
        return true
      })
    }))
})

it('rejects with the TransportError class of the worker thread it runs in', async () => {
  // A port nothing listens on: the connection is refused.
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
  const source = `
    const { parentPort } = require('node:worker_threads')
    const { VoiceClient, TransportError } = require(${JSON.stringify(path.join(__dirname, '..'))})
    const client = new VoiceClient('sk', 'my-subaccount', { baseUrl: 'http://127.0.0.1:${port}', maxRetries: 0 })
    client.webhooks().catch((err) => parentPort.postMessage({ isClass: err instanceof TransportError, code: err.code }))
  `
  const result = await new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  assert.deepEqual(result, { isClass: true, code: 'connect' })
})
