'use strict'
// Runs the ```js blocks of the project README's "Sending a voice message" section
// against a local node:http server standing in for 8x8, so they cannot rot and never
// reach the real API.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const http = require('node:http')
const path = require('node:path')
const { it } = require('node:test')
const vm = require('node:vm')

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
const start = README.indexOf('\n## Sending a voice message\n')
const end = README.indexOf('\n## ', start + 1)
const blocks = [...README.slice(start, end).matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1])

it('the README sends a voice message from Node against a local server', async () => {
  assert.ok(start !== -1 && blocks.length === 1)
  const seen = []
  const server = http.createServer((request, response) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      seen.push({ path: request.url, authorization: request.headers.authorization, body: JSON.parse(Buffer.concat(chunks)) })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ sessionId: 's-1', sessionStatus: 'CREATED', callFlowRequestId: 'r-1', statusCode: 1, statusMessage: 'Created' }),
      )
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const saved = { key: process.env.CALLFLOW_8X8_API_KEY, url: process.env.CALLFLOW_8X8_BASE_URL }
  process.env.CALLFLOW_8X8_API_KEY = 'sk-readme'
  process.env.CALLFLOW_8X8_BASE_URL = `http://127.0.0.1:${server.address().port}`
  const logged = []
  const console = { log: (...args) => logged.push(args.join(' ')) }
  try {
    const requireFromPackage = (name) => require(name === 'callflow-rs' ? '..' : name)
    await vm.runInThisContext(`(async function (require, console) {\n${blocks[0]}\n})`)(requireFromPackage, console)
  } finally {
    for (const [name, value] of [['CALLFLOW_8X8_API_KEY', saved.key], ['CALLFLOW_8X8_BASE_URL', saved.url]]) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    server.close()
  }
  assert.deepEqual(logged, ['calling: session s-1'])
  assert.equal(seen.length, 1)
  assert.equal(seen[0].path, '/api/v1/subaccounts/my-subaccount/callflows')
  assert.equal(seen[0].authorization, 'Bearer sk-readme')
  assert.equal(seen[0].body.callflow[1].params.text, 'Your code is 1 2 3 4.')
})
