'use strict'
// 8x8's Advanced IVR sample, on callflow: a restaurant menu whose state travels in
// `clientActionId`, so the server keeps nothing between webhooks.
//
// Menus: main (1 reservations, 2 staff), reservations (1 book, 2 change, 9 back), book
// (guests 1 to 9), change (1 tomorrow, 2 cancel). Run it like simple-ivr.js.

const express = require('express')
const { voice } = require('callflow-rs')
const webhooks = require('callflow-rs/webhooks')

const SOURCE_PN = process.env.CALLFLOW_SOURCE_PN ?? '6512345678'
const DESTINATION_PN = process.env.CALLFLOW_DESTINATION_PN ?? '6561115777'
const secret = process.env.CALLFLOW_WEBHOOK_SECRET
const VOICE = 'en-US-BenjaminRUS'

const PROMPTS = new Map([
  ['main_menu', 'Welcome to The Golden Fork. For reservations, press 1. To speak to our staff, press 2.'],
  ['reservations', 'To book a table, press 1. To change a booking, press 2. To go back, press 9.'],
  ['book_table', 'How many guests? Press a number from 1 to 9.'],
  ['reschedule_table', 'Press 1 to move your booking to tomorrow, or 2 to cancel it.'],
])

/** Where each key of the reservations menu leads. */
const RESERVATIONS = new Map([
  ['1', 'book_table'],
  ['2', 'reschedule_table'],
  ['9', 'main_menu'],
])

/** Asks the question of menu `state`, which comes back as the next `clientActionId`. */
function menu(state) {
  return voice.Reply
    .builder({ clientActionId: state })
    .sayAndCapture({
      promptMessage: PROMPTS.get(state),
      voiceProfile: VOICE,
      minDigits: 1,
      maxDigits: 1,
      digitTimeout: 10000,
      overallTimeout: 10000,
      noOfTries: 2,
      failureMessage: 'Invalid input, please try again',
    })
    .build()
}

/** Says `text` and ends the call. */
function goodbye(text) {
  return voice.Reply.builder().say({ text, voiceProfile: VOICE }).hangup().build()
}

/** The reply for a caller in menu `state` (null before the first menu) who pressed `digits`. */
function nextStep(state, digits) {
  switch (state) {
    case null:
      return menu('main_menu')
    case 'main_menu':
      if (digits === '1') {
        return menu('reservations')
      }
      if (digits === '2') {
        return voice.Reply
          .builder({ clientActionId: 'post_call' })
          .makeCall({ source: SOURCE_PN, destination: DESTINATION_PN })
          .build()
      }
      return menu('main_menu')
    case 'reservations':
      return menu(RESERVATIONS.get(digits) ?? 'reservations')
    case 'book_table':
      if (/^[1-9]$/.test(digits ?? '')) {
        return goodbye(`Your table for ${digits} is booked. See you soon. Goodbye.`)
      }
      return menu('book_table')
    case 'reschedule_table':
      if (digits === '1') {
        return goodbye('Your booking is moved to tomorrow. Goodbye.')
      }
      if (digits === '2') {
        return goodbye('Your booking is cancelled. Goodbye.')
      }
      return menu('reschedule_table')
    case 'post_call':
      return goodbye('Thank you for calling The Golden Fork. Goodbye.')
    default:
      return goodbye('Sorry, something went wrong. Please call again. Goodbye.')
  }
}

/** Moves the caller through the menus; every other webhook gets `{}`. */
function onCallAction(event) {
  if (event.eventType !== 'CALL_ACTION') {
    return null
  }
  return nextStep(event.clientActionId, event.dtmf)
}

const app = express()
app.post('/vca', webhooks.express(onCallAction, { secret }))
app.post('/vss', webhooks.express(() => null, { secret }))

module.exports = app
// The webhook function alone, to run the IVR without a server (as its tests do).
module.exports.onCallAction = onCallAction

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000)
  app.listen(port, () => console.log(`advanced IVR listening on port ${port}`))
}
