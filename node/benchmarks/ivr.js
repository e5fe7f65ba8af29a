'use strict'
// `ivr.Ivr.reply` answering a Voice Call Action of the advanced IVR from its map
// (examples/ivr/advanced-ivr.json), beside the ported hand-written sample's handler
// (examples/advanced-ivr.js) answering the same event: a caller in the main menu who
// pressed 1. Medians of 9 rounds. Build the addon in release mode first (`npm run
// build`), or run `scripts/bench-emulator.sh`.

const assert = require('node:assert')
const path = require('node:path')
const { performance } = require('node:perf_hooks')

const { ivr, voice } = require('..')
const { onCallAction } = require('../examples/advanced-ivr.js')

const MAP = require(path.join(__dirname, '..', '..', 'examples', 'ivr', 'advanced-ivr.json'))
const EVENT = voice.parseEvent({
  eventType: 'CALL_ACTION',
  payload: { callStatus: 'ACTION_COMPLETED', clientActionId: 'main_menu', eventData: { dtmf: '1' } },
})

async function median(work) {
  const batch = 2000
  for (let i = 0; i < batch; i += 1) await work()
  const samples = []
  for (let round = 0; round < 9; round += 1) {
    const start = performance.now()
    for (let i = 0; i < batch; i += 1) await work()
    samples.push(((performance.now() - start) * 1000) / batch)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

async function main() {
  const runtime = ivr.Ivr.fromJson(MAP)
  const byMap = await runtime.reply(EVENT)
  const byHand = await onCallAction(EVENT)
  assert.deepStrictEqual(JSON.parse(JSON.stringify(byMap)), JSON.parse(JSON.stringify(byHand)))
  const mapped = await median(() => runtime.reply(EVENT))
  const written = await median(() => onCallAction(EVENT))
  console.log('advanced IVR, one call action (main menu, 1), median time:')
  console.log(`  ivr.Ivr.reply, from the map                     ${mapped.toFixed(2).padStart(8)} us`)
  console.log(`  the ported sample's hand-written handler        ${written.toFixed(2).padStart(8)} us`)
  console.log(`  ratio (map / hand-written)                      ${(mapped / written).toFixed(2).padStart(8)}`)
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
