'use strict'
// Runs every shared emulator vector in tests/fixtures/emulator/ (see the README there):
// the case's call is read as a scenario and run by callflow-rs/testing's own loop
// against the case's IVR map, wrapped as a JavaScript backend that hands back the map's
// answers with the map's own latency. The transcript must be exactly the expected one.

const assert = require('node:assert/strict')

const { MapBackend, runScenario } = require('../testing')
const { describeVectors } = require('./fixtures')

/** The case's call as a scenario: the request (or inbound call), script and options. */
function scenario({ name, request, inbound, script, options }) {
  return { name, ...(inbound === undefined ? { request } : { inbound }), script, options }
}

/** The case's IVR map as a backend of the testing loop, answering asynchronously. */
function mapBackend(map) {
  const native = new MapBackend(map)
  return { answer: async (webhook) => native.answer(webhook) }
}

describeVectors('emulator', { files: 5, cases: 40 }, async (testCase) => {
  const result = await runScenario(scenario(testCase), mapBackend(testCase.backend))
  assert.deepStrictEqual(result.toJSON(), testCase.expected, result.transcript)
})
