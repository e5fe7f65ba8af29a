'use strict'
// 8x8's Simple IVR sample, on callflow: press 1 to hang up, 2 to reach an agent, anything
// else repeats the menu.
//
// Run it with `node examples/simple-ivr.js` (it listens on PORT, 3000 by default), then
// point the Voice Call Action webhook of your sub-account at /vca and the Voice Session
// Summary webhook at /vss. Environment: CALLFLOW_SOURCE_PN (your 8x8 virtual number),
// CALLFLOW_DESTINATION_PN (the agent) and CALLFLOW_WEBHOOK_SECRET (the webhooks'
// httpAuthHeader, when you set one).

const { debuglog } = require('node:util')

const express = require('express')
const { voice } = require('callflow-rs')
const webhooks = require('callflow-rs/webhooks')

const SOURCE_PN = process.env.CALLFLOW_SOURCE_PN ?? '6512345678'
const DESTINATION_PN = process.env.CALLFLOW_DESTINATION_PN ?? '6561115777'
const secret = process.env.CALLFLOW_WEBHOOK_SECRET
const log = debuglog('ivr')

const HANG_UP = voice.Reply.builder().hangup().build()
const CALL_AGENT = voice.Reply.builder().makeCall({ source: SOURCE_PN, destination: DESTINATION_PN }).build()
const MENU = voice.Reply
  .builder()
  .sayAndCapture({
    promptMessage:
      'Sorry, we did not understand your response. If you have resolved your issue already, ' +
      'press one. Or press two to speak to an agent.',
    voiceProfile: 'en-US-BenjaminRUS',
    repetition: 1,
    speed: 1,
    minDigits: 1,
    maxDigits: 1,
    digitTimeout: 10000,
    overallTimeout: 10000,
    completeOnHash: false,
    noOfTries: 2,
    failureMessage: 'Invalid input, please try again',
  })
  .build()

/** Answers the caller's choice; every other webhook gets `{}`. */
function onCallAction(event) {
  if (event.eventType !== 'CALL_ACTION') {
    return null
  }
  if (event.dtmf === '1') {
    return HANG_UP
  }
  if (event.dtmf === '2') {
    return CALL_AGENT
  }
  return MENU
}

/** Notes how the session ended (shown with NODE_DEBUG=ivr). */
function onSessionSummary(event) {
  if (event.eventType === 'SESSION_SUMMARY') {
    log('session %s ended %s', event.sessionId, event.sessionStatus)
  }
}

const app = express()
app.post('/vca', webhooks.express(onCallAction, { secret }))
app.post('/vss', webhooks.express(onSessionSummary, { secret }))

module.exports = app
// The webhook function alone, to run the IVR without a server (as its tests do).
module.exports.onCallAction = onCallAction

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000)
  app.listen(port, () => console.log(`simple IVR listening on port ${port}`))
}
