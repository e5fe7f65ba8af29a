// The API clients and their error class import by name from the ES module entry.
import assert from 'node:assert/strict'
import { it } from 'node:test'

import binding, { CallflowApiError, VoiceClient, WebhookType, YayClient } from 'callflow-rs'

it('exports VoiceClient, YayClient, WebhookType and CallflowApiError by name', () => {
  assert.equal(VoiceClient, binding.VoiceClient)
  assert.equal(YayClient, binding.YayClient)
  assert.equal(WebhookType, binding.WebhookType)
  assert.equal(CallflowApiError, binding.CallflowApiError)
  assert.ok(Object.prototype.isPrototypeOf.call(Error, CallflowApiError))
  const client = new VoiceClient('sk', 'my-subaccount')
  assert.equal(client.previewCallflow({ callflow: [{ action: 'makeCall', params: { source: '+6512341234', destination: '+6512345678' } }] }).method, 'POST')
})
