'use strict'
// The addon keeps its functions per JavaScript environment: it works the same in a
// worker thread, including the errors it throws.

const assert = require('node:assert/strict')
const path = require('node:path')
const { it } = require('node:test')
const { Worker } = require('node:worker_threads')

it('validates and throws the error classes inside a worker thread', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads')
    const { voice, ValidationError, EventError } = require(${JSON.stringify(path.join(__dirname, '..'))})
    const report = voice.validate({ callflow: [{ action: 'hangup' }] }, { profile: 'reply' })
    let thrown = null
    try { voice.Reply.builder().build() } catch (err) { thrown = err }
    let eventError = null
    try { voice.parseEvent('[]') } catch (err) { eventError = err }
    parentPort.postMessage({
      ok: report.ok,
      isClass: thrown instanceof ValidationError,
      status: thrown.statusCode,
      isEventClass: eventError instanceof EventError,
      code: eventError.code,
    })
  `
  const result = await new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  assert.deepEqual(result, { ok: true, isClass: true, status: -1009, isEventClass: true, code: 'not-an-object' })
})
