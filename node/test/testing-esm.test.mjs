// callflow-rs/testing and the emulator's error class import by name from the ES module
// entries, and a call runs through them.
import assert from 'node:assert/strict'
import { it } from 'node:test'

import binding, { EmulatorError, voice } from 'callflow-rs'
import testing, {
  CallResult,
  Emulator,
  Exploration,
  Explorer,
  MapBackend,
  Scenario,
  ScenarioResult,
  Transcript,
  Webhook,
  emulate,
  explore,
  runScenario,
} from 'callflow-rs/testing'

it('exports emulate, runScenario, CallResult, ScenarioResult and EmulatorError by name', async () => {
  assert.equal(emulate, testing.emulate)
  assert.equal(runScenario, testing.runScenario)
  assert.equal(ScenarioResult.prototype instanceof CallResult, true)
  assert.equal(EmulatorError, binding.EmulatorError)
  assert.throws(() => new MapBackend([]), (err) => err instanceof EmulatorError)
  const result = await emulate({
    inbound: { from: '+6591234567', to: '+6568888888' },
    backend: () => voice.Reply.builder().say({ text: 'Goodbye.', voiceProfile: 'en-GB-Emma' }).hangup().build(),
  })
  assert.ok(result instanceof CallResult)
  result.assertOk().assertHeard('Goodbye.')
})

it('exports the native classes by name, and only there', () => {
  const natives = { Emulator, Explorer, Transcript, MapBackend, Scenario, Webhook }
  for (const [name, value] of Object.entries(natives)) {
    assert.equal(typeof value, 'function', name)
    assert.equal(value, testing[name], name)
    assert.equal(name in voice, false, `voice.${name}`)
    assert.equal(name in binding, false, name)
  }
  assert.equal(explore, testing.explore)
  assert.equal(typeof Exploration, 'function')
  assert.equal(Object.keys(binding).includes('testing'), false)
  assert.equal(Object.keys(binding).includes('webhooks'), false)
})
