// Webhook events and the webhook module, type-checked (tsc --noEmit --strict): narrowing
// on `eventType`, open enumerated values, and wrong field names as compile errors (every
// `@ts-expect-error` below must be needed).
import * as http from 'node:http'

import { voice, EventError } from '../..'
import {
  Answer,
  Receiver,
  SOURCE_ADDRESSES,
  authorizationMatches,
  express,
  handle,
  isSourceAddress,
  type OnEvent,
  type WebhookResponse,
} from '../../webhooks'

function describeEvent(event: voice.VoiceEvent): string {
  switch (event.eventType) {
    case 'CALL_ACTION': {
      const digits: string | null = event.dtmf
      const state: string | null = event.clientActionId
      // @ts-expect-error the digits are `dtmf`, not `digits`
      void event.digits
      // @ts-expect-error a call action has no legs
      void event.legs
      return `${digits} in ${state}`
    }
    case 'CALL_STATUS': {
      const status: voice.CallStatus | null = event.callStatus
      const duration: number | null = event.callDuration
      return `${status} after ${duration}`
    }
    case 'SESSION_SUMMARY': {
      const legs: voice.CallLeg[] = event.legs
      const mos: number | null | undefined = legs[0]?.callQuality?.mos
      const meaning: string | null | undefined = event.errorDetails?.meaning
      // @ts-expect-error the error is `errorDetails`
      void event.error
      return `${event.sessionStatus} ${mos} ${meaning}`
    }
    case 'CALL_RECORDING_STATUS': {
      const state: voice.RecordingState | null = event.status
      return `${event.recordingId} ${state}`
    }
    case 'VIRTUAL_NUMBER_UPDATE': {
      const numbers: voice.VirtualNumber[] = event.virtualNumbers
      const healthy: boolean | null | undefined = numbers[0]?.numberHealthCheckEnabled
      return `${event.totalNumbers} ${healthy}`
    }
    default: {
      const unknown: voice.UnknownVoiceEvent = event
      const name: string = unknown.eventType
      const payload: unknown = unknown.payload
      return `${name} ${JSON.stringify(payload)}`
    }
  }
}

const event = voice.parseEvent(Buffer.from('{"eventType": "CALL_ACTION", "payload": {}}'))
describeEvent(event)
voice.parseEvent('{}')
voice.parseEvent({ eventType: 'CALL_STATUS', payload: {} })
// @ts-expect-error not a webhook body
voice.parseEvent(42)

if (event.eventType === 'CALL_ACTION') {
  // Documented values autocomplete; unknown ones still type-check.
  const known: voice.CallStatus | null = 'ACTION_COMPLETED'
  const newer: voice.CallStatus | null = 'CALL_PARKED'
  // @ts-expect-error a status is a string
  const wrong: voice.CallStatus = 3
  void [known, newer, wrong]
  // @ts-expect-error misspelled field
  void event.clientActionID
  // @ts-expect-error the fields are flat, not under payload
  void event.payload
}
// @ts-expect-error not every event has dtmf
void event.dtmf

try {
  voice.parseEvent('not json')
} catch (err) {
  if (err instanceof EventError) {
    const code: voice.EventErrorCode = err.code
    void code
  }
}

const receiver = new Receiver('s3cret', { limit: 1024 })
const limit: number = receiver.limit
const tooLarge: Answer | null = receiver.checkSize(limit + 1)
const found: string | null = Receiver.authorization([['Authorization', 's3cret']])
void [tooLarge, found]
const received = receiver.receive('{}', 's3cret')
if (received instanceof Answer) {
  const status: number = received.status
  const type: 'application/json' = received.headers['content-type']
  void [status, type]
} else {
  describeEvent(received)
}
const answers: Answer[] = [
  Receiver.answer(voice.Reply.builder().hangup().build()),
  Receiver.answer({ callflow: [{ action: 'hangup' }] }),
  Receiver.answer(null),
  Receiver.answer(),
]
// @ts-expect-error a reply's actions are wire objects
Receiver.answer({ callflow: [{ action: 'hangUp' }] })
const sources: readonly string[] = SOURCE_ADDRESSES
const trusted: boolean = isSourceAddress('52.74.232.241') && authorizationMatches('a', 'a')
void [answers, sources, trusted]

const onEvent: OnEvent = async (incoming) => {
  if (incoming.eventType === 'CALL_ACTION' && incoming.dtmf === '1') {
    return voice.Reply.builder().hangup().build()
  }
  return { callflow: [{ action: 'say', params: { text: 'Hi', voiceProfile: 'en-US-BenjaminRUS' } }] }
}
const answered: Promise<WebhookResponse> = handle('{}', { authorization: ['s3cret'] }, onEvent, { secret: 's3cret' })
void answered
handle(Buffer.from('{}'), new Headers(), () => {})
// @ts-expect-error onEvent returns a reply, not a string
handle('{}', {}, () => 'hangup')
// @ts-expect-error the option is `secret`
handle('{}', {}, onEvent, { token: 's3cret' })

const middleware = express(onEvent, { secret: 's3cret', limit: 65536 })
http.createServer((req, res) => middleware(req, res, () => res.end()))
handle('{}', null, onEvent, { secret: null, limit: 1024 })
