// callflow-rs/testing and the emulator's error class import by name from the ES module
// entries, and a call runs through them.
import assert from 'node:assert/strict'
import { it } from 'node:test'

import binding, { EmulatorError, voice } from 'callflow-rs'
import testing, { CallResult, ScenarioResult, emulate, runScenario } from 'callflow-rs/testing'

it('exports emulate, runScenario, CallResult, ScenarioResult and EmulatorError by name', async () => {
  assert.equal(emulate, testing.emulate)
  assert.equal(runScenario, testing.runScenario)
  assert.equal(ScenarioResult.prototype instanceof CallResult, true)
  assert.equal(EmulatorError, binding.EmulatorError)
  assert.throws(() => new voice.MapBackend([]), (err) => err instanceof EmulatorError)
  const result = await emulate({
    inbound: { from: '+6591234567', to: '+6568888888' },
    backend: () => voice.Reply.builder().say({ text: 'Goodbye.', voiceProfile: 'en-GB-Emma' }).hangup().build(),
  })
  assert.ok(result instanceof CallResult)
  result.assertOk().assertHeard('Goodbye.')
})
