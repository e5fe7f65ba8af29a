// The package imports as an ES module, with every export by name.
import assert from 'node:assert/strict'
import { it } from 'node:test'

import binding, { EventError, ValidationError, Severity, diagram, pbx, voice } from 'callflow-rs'

it('exports voice, pbx, diagram, Severity and the error classes by name', () => {
  assert.equal(voice, binding.voice)
  assert.equal(pbx, binding.pbx)
  assert.equal(diagram, binding.diagram)
  assert.equal(Severity, binding.Severity)
  assert.equal(typeof ValidationError, 'function')
  assert.throws(() => voice.Reply.fromJson('{}'), (err) => err instanceof ValidationError)
  assert.equal(EventError, binding.EventError)
  assert.throws(() => voice.parseEvent('{}'), (err) => err instanceof EventError)
})
