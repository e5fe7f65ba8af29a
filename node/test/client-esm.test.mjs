// The API clients and their error class import by name from the ES module entry.
import assert from 'node:assert/strict'
import { it } from 'node:test'

import binding, { ApiError, TransportError, VoiceClient, YayClient } from 'callflow-rs'

it('exports VoiceClient, YayClient, ApiError and TransportError by name', () => {
  assert.equal(VoiceClient, binding.VoiceClient)
  assert.equal(YayClient, binding.YayClient)
  assert.equal(TransportError, binding.TransportError)
  assert.equal(ApiError, binding.ApiError)
  assert.ok(Object.prototype.isPrototypeOf.call(Error, ApiError))
  const client = new VoiceClient('sk', 'my-subaccount')
  assert.equal(client.previewCallflow({ callflow: [{ action: 'makeCall', params: { source: '+6512341234', destination: '+6512345678' } }] }).method, 'POST')
})
