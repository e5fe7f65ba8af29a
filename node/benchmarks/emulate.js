'use strict'
// A whole emulated call of 8x8's advanced IVR through `callflow-rs/testing`, with the
// ported sample's own handler as a function backend (four Voice Call Action webhooks and
// the session summary), reported as time per call and calls per second. Build the addon
// in release mode first (`npm run build`), or run `scripts/bench-emulator.sh`. Then the
// explorer mapping the whole IVR in-process (57 calls): calls per second.

const assert = require('node:assert')
const { performance } = require('node:perf_hooks')

const { emulate, explore } = require('../testing.js')
const { onCallAction } = require('../examples/advanced-ivr.js')

const CALL = {
  inbound: { from: '+6591234567', to: '+6568888888' },
  backend: onCallAction,
  press: ['1', '1', '4'],
}

async function main() {
  const result = await emulate(CALL)
  result.assertOk().assertHeard('Welcome to The Golden Fork', 'How many guests?', 'Your table for 4 is booked')
  assert.strictEqual(result.webhooks.length, 5)

  const batch = 500
  for (let i = 0; i < batch; i += 1) await emulate(CALL)
  const samples = []
  for (let round = 0; round < 9; round += 1) {
    const start = performance.now()
    for (let i = 0; i < batch; i += 1) await emulate(CALL)
    samples.push(((performance.now() - start) * 1000) / batch)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)]
  console.log('advanced IVR, median time per call:')
  console.log(`  callflow-rs/testing emulate, whole call (5 webhooks)  ${median.toFixed(1).padStart(8)} us  (${Math.round(1e6 / median)} calls/s)`)

  const EXPLORE = { inbound: CALL.inbound, backend: onCallAction }
  const found = await explore(EXPLORE)
  assert.ok(found.ok && found.menus.length === 4 && found.calls === 57, found.toText())
  const rounds = []
  for (let round = 0; round < 7; round += 1) {
    const start = performance.now()
    await explore(EXPLORE)
    rounds.push(performance.now() - start)
  }
  rounds.sort((a, b) => a - b)
  const whole = rounds[Math.floor(rounds.length / 2)]
  console.log(`  callflow-rs/testing explore, whole IVR (${found.calls} calls)    ${whole.toFixed(2).padStart(8)} ms  (${Math.round((found.calls * 1000) / whole)} calls/s)`)
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
