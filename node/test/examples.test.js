'use strict'
// Drives the two IVR examples over HTTP, as 8x8 would: each app runs on an ephemeral port
// and gets the documented webhook payloads, with the caller's digits in each of the three
// places 8x8 has put them, and every reply body is checked to the byte.

const assert = require('node:assert/strict')
const { once } = require('node:events')
const { after, before, describe, it } = require('node:test')

const { loadExample, readVectors } = require('./fixtures')

const DOCUMENTED = readVectors('webhooks', 'documented.json').cases

function documented(prefix) {
  const found = DOCUMENTED.find((testCase) => testCase.name.startsWith(prefix))
  assert.ok(found, `documented.json has a case "${prefix}…"`)
  return found.document
}

const VCA = documented('VCA, current documents')
const VCA_2023 = documented('VCA, December 2023 guides')
const VCA_RECEIVED = documented('VCA for an inbound call')
const VCS = documented('VCS CALL_RECEIVED')
const SUMMARIES = DOCUMENTED.filter((testCase) => testCase.document.eventType === 'SESSION_SUMMARY')

/** The three places 8x8 has put the caller's digits. */
const DTMF_SHAPES = {
  'eventData.dtmf': (payload, digits) => ({ ...payload, eventData: { dtmf: digits } }),
  'eventData as a string': (payload, digits) => ({ ...payload, eventData: digits }),
  'flat dtmf': (payload, digits) => ({ ...payload, dtmf: digits }),
}

/** The documented call action, with `clientActionId` and `digits` as given, in `shape`. */
function callAction({ state, digits, shape }) {
  const { eventData, dtmf, clientActionId, ...payload } = VCA.payload
  const withState = state === undefined ? payload : { ...payload, clientActionId: state }
  return { ...VCA, payload: digits === undefined ? withState : DTMF_SHAPES[shape](withState, digits) }
}

/** Loads an example afresh with `env` as its environment, and serves it on a free port. */
async function serve(example, env = {}) {
  const app = loadExample(example, env)
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const base = `http://127.0.0.1:${server.address().port}`
  return {
    /** POSTs `body` (a value sent as JSON, or raw text) and gives status, type and text. */
    async post(route, body, headers = {}) {
      const response = await fetch(base + route, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/**
 * Serves `example` (with `env`) while the tests of the enclosing `describe` run; gives
 * the function that POSTs to it.
 */
function serving(example, env) {
  let server
  before(async () => {
    server = await serve(example, env)
  })
  after(() => server.close())
  return (route, body, headers) => server.post(route, body, headers)
}

/** Checks a 200 answer whose body is exactly `expected`, as JSON. */
function assertReply(answer, expected, message) {
  assert.deepEqual(
    { status: answer.status, type: answer.type, body: answer.body },
    { status: 200, type: 'application/json', body: JSON.stringify(expected) },
    message,
  )
}

const VOICE = 'en-US-BenjaminRUS'
const HANG_UP = { callflow: [{ action: 'hangup' }] }
const EMPTY = {}

function makeCall(clientActionId, source = '6512345678', destination = '6561115777') {
  const reply = { callflow: [{ action: 'makeCall', params: { source, destination } }] }
  return clientActionId === undefined ? reply : { clientActionId, ...reply }
}

/**
 * The tests both IVRs pass: the documented call actions get `replies` (`[body, expected
 * reply, what it shows]`), other webhooks `{}`, and a body that is not JSON a 400.
 */
function itAnswersAsAnIvr(post, replies) {
  it('answers the documented call actions', async () => {
    for (const [body, expected, what] of replies) {
      assertReply(await post('/vca', body), expected, what)
    }
  })

  it('answers {} to call status events and session summaries', async () => {
    assertReply(await post('/vca', VCS), EMPTY, 'a call status on /vca')
    for (const summary of SUMMARIES) {
      assertReply(await post('/vss', summary.document), EMPTY, summary.name)
    }
  })

  it('refuses a body that is not JSON with 400', async () => {
    for (const body of ['{"eventType": "CALL_ACTION",', 'dtmf=1']) {
      const answer = await post('/vca', body)
      assert.equal(answer.status, 400)
      assert.equal(answer.type, 'application/json')
      assert.equal(JSON.parse(answer.body).error, 'invalid-json')
      assert.match(JSON.parse(answer.body).message, /^the webhook body is not JSON: /)
    }
  })
}

describe('simple IVR', () => {
  const SIMPLE_MENU = {
    callflow: [
      {
        action: 'sayAndCapture',
        params: {
          promptMessage:
            'Sorry, we did not understand your response. If you have resolved your issue already, press one. Or press two to speak to an agent.',
          voiceProfile: VOICE,
          repetition: 1,
          speed: 1,
          minDigits: 1,
          maxDigits: 1,
          digitTimeout: 10000,
          overallTimeout: 10000,
          completeOnHash: false,
          noOfTries: 2,
          failureMessage: 'Invalid input, please try again',
        },
      },
    ],
  }
  const post = serving('simple-ivr.js')
  itAnswersAsAnIvr(post, [
    [VCA, HANG_UP, 'eventData.dtmf "1"'],
    [VCA_2023, SIMPLE_MENU, 'flat dtmf "3"'],
    [VCA_RECEIVED, SIMPLE_MENU, 'CALL_RECEIVED, no digits'],
  ])

  for (const shape of Object.keys(DTMF_SHAPES)) {
    it(`reads the digits from ${shape}`, async () => {
      const press = (digits) => post('/vca', callAction({ digits, shape }))
      assertReply(await press('1'), HANG_UP, '1 hangs up')
      assertReply(await press(' 1 '), HANG_UP, 'whitespace around the digit')
      assertReply(await press('2'), makeCall(), '2 calls the agent')
      assertReply(await press('3'), SIMPLE_MENU, 'another digit repeats the menu')
      assertReply(await press('12'), SIMPLE_MENU, 'two digits repeat the menu')
      assertReply(await press(''), SIMPLE_MENU, 'no input repeats the menu')
    })
  }


})

describe('simple IVR with CALLFLOW_SOURCE_PN and CALLFLOW_DESTINATION_PN', () => {
  const post = serving('simple-ivr.js', { CALLFLOW_SOURCE_PN: '6598765432', CALLFLOW_DESTINATION_PN: '+6587654321' })

  it('calls the agent from and to the numbers it was given', async () => {
    const answer = await post('/vca', callAction({ digits: '2', shape: 'flat dtmf' }))
    assertReply(answer, makeCall(undefined, '6598765432', '+6587654321'))
  })
})

describe('advanced IVR', () => {
  function menu(clientActionId, promptMessage) {
    const params = {
      promptMessage,
      voiceProfile: VOICE,
      minDigits: 1,
      maxDigits: 1,
      digitTimeout: 10000,
      overallTimeout: 10000,
      noOfTries: 2,
      failureMessage: 'Invalid input, please try again',
    }
    return { clientActionId, callflow: [{ action: 'sayAndCapture', params }] }
  }
  function goodbye(text) {
    return { callflow: [{ action: 'say', params: { text, voiceProfile: VOICE } }, { action: 'hangup' }] }
  }
  const MAIN = menu('main_menu', 'Welcome to The Golden Fork. For reservations, press 1. To speak to our staff, press 2.')
  const RESERVATIONS = menu('reservations', 'To book a table, press 1. To change a booking, press 2. To go back, press 9.')
  const BOOK = menu('book_table', 'How many guests? Press a number from 1 to 9.')
  const RESCHEDULE = menu('reschedule_table', 'Press 1 to move your booking to tomorrow, or 2 to cancel it.')
  const SORRY = goodbye('Sorry, something went wrong. Please call again. Goodbye.')

  // [clientActionId, digits, expected reply]
  const STEPS = [
    [undefined, undefined, MAIN],
    [undefined, '1', MAIN],
    ['main_menu', undefined, MAIN],
    ['main_menu', '1', RESERVATIONS],
    ['main_menu', '2', makeCall('post_call')],
    ['main_menu', '7', MAIN],
    ['reservations', '1', BOOK],
    ['reservations', '2', RESCHEDULE],
    ['reservations', '9', MAIN],
    ['reservations', '5', RESERVATIONS],
    ['reservations', undefined, RESERVATIONS],
    ['book_table', '1', goodbye('Your table for 1 is booked. See you soon. Goodbye.')],
    ['book_table', '4', goodbye('Your table for 4 is booked. See you soon. Goodbye.')],
    ['book_table', '9', goodbye('Your table for 9 is booked. See you soon. Goodbye.')],
    ['book_table', '0', BOOK],
    ['book_table', '12', BOOK],
    ['book_table', undefined, BOOK],
    ['reschedule_table', '1', goodbye('Your booking is moved to tomorrow. Goodbye.')],
    ['reschedule_table', '2', goodbye('Your booking is cancelled. Goodbye.')],
    ['reschedule_table', '3', RESCHEDULE],
    ['post_call', undefined, goodbye('Thank you for calling The Golden Fork. Goodbye.')],
    ['ivr1_level1', '1', SORRY],
    ['constructor', '1', SORRY],
  ]

  const post = serving('advanced-ivr.js')
  itAnswersAsAnIvr(post, [
    [VCA_RECEIVED, MAIN, 'CALL_RECEIVED starts at the main menu'],
    [VCA_2023, MAIN, 'no clientActionId: the main menu'],
    [VCA, SORRY, 'an unknown clientActionId'],
  ])

  for (const shape of Object.keys(DTMF_SHAPES)) {
    it(`moves through every menu with the digits in ${shape}`, async () => {
      for (const [state, digits, expected] of STEPS) {
        const answer = await post('/vca', callAction({ state, digits, shape }))
        assertReply(answer, expected, `clientActionId ${state}, digits ${digits}`)
      }
    })
  }

  it('walks a caller through a booking, a change and a call to the staff', async () => {
    const walks = [
      [['1', RESERVATIONS], ['1', BOOK], ['6', goodbye('Your table for 6 is booked. See you soon. Goodbye.')]],
      [['1', RESERVATIONS], ['2', RESCHEDULE], ['2', goodbye('Your booking is cancelled. Goodbye.')]],
      [['1', RESERVATIONS], ['9', MAIN], ['4', MAIN], ['2', makeCall('post_call')], ['', goodbye('Thank you for calling The Golden Fork. Goodbye.')]],
    ]
    for (const walk of walks) {
      let answer = await post('/vca', VCA_RECEIVED)
      assertReply(answer, MAIN)
      for (const [digits, expected] of walk) {
        const state = JSON.parse(answer.body).clientActionId
        answer = await post('/vca', callAction({ state, digits, shape: 'eventData.dtmf' }))
        assertReply(answer, expected, `after ${state}, pressing ${JSON.stringify(digits)}`)
      }
    }
  })

})

for (const example of ['simple-ivr.js', 'advanced-ivr.js']) {
  describe(`${example} with CALLFLOW_WEBHOOK_SECRET`, () => {
    const post = serving(example, { CALLFLOW_WEBHOOK_SECRET: 'Bearer s3cret' })

    const UNAUTHORIZED = {
      error: 'unauthorized',
      message: "the Authorization header does not match the webhook's secret",
    }

    for (const route of ['/vca', '/vss']) {
      it(`${route}: 401 without the header or with a wrong one, 200 with it`, async () => {
        const body = route === '/vca' ? VCA_RECEIVED : SUMMARIES[0].document
        for (const headers of [{}, { authorization: 'Bearer s3cre' }, { authorization: 'bearer s3cret' }]) {
          const answer = await post(route, body, headers)
          assert.deepEqual(
            { status: answer.status, type: answer.type, body: JSON.parse(answer.body) },
            { status: 401, type: 'application/json', body: UNAUTHORIZED },
            JSON.stringify(headers),
          )
        }
        const answer = await post(route, body, { Authorization: 'Bearer s3cret' })
        assert.equal(answer.status, 200)
      })
    }

    it('checks the secret before the body', async () => {
      assert.equal((await post('/vca', 'not json')).status, 401)
      assert.equal((await post('/vca', 'not json', { authorization: 'Bearer s3cret' })).status, 400)
    })
  })
}
