'use strict'
// callflow-rs/testing explore: the ported 8x8 advanced IVR mapped whole (as a webhook
// function, as an Express app, as an IVR map and over HTTP), a broken copy found out,
// budgets, argument errors, and the same JSON as Python for the same backend. Every
// server listens on 127.0.0.1 and closes by itself.

const assert = require('node:assert/strict')
const { once } = require('node:events')
const crypto = require('node:crypto')
const fs = require('node:fs')
const http = require('node:http')
const path = require('node:path')
const { describe, it } = require('node:test')

const { EmulatorError, diagram, voice } = require('..')
const { explore, runScenario, Exploration, Explorer, MapBackend } = require('../testing')
const { ROOT, describeVectors, loadExample } = require('./fixtures')

const INBOUND = { from: '+6591234567', to: '+6568888888' }
const MENUS = ['main_menu', 'reservations', 'book_table', 'reschedule_table']
const ADVANCED_MAP = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'bench', 'advanced-ivr-map.json'), 'utf8'))

// The SHA-256 of the exploration's JSON for the advanced IVR; python/tests/test_explore.py
// checks the same digest, so both languages give the same text byte for byte.
const ADVANCED_DIGEST = 'a6b994a5a318fde3977fe63c81cf23a2d6a66f6edc3c5f460f9fc3ee3cad6326'

const advanced = loadExample('advanced-ivr.js')

/** The findings as `[code, path, cause]`. */
function findings(found) {
  return found.findings.map((finding) => [finding.code, finding.path, finding.cause])
}

/** The advanced IVR: every menu found and tried, the map drawn, no finding. */
function assertMappedWhole(found) {
  found.assertOk().assertNoFindings()
  assert.deepEqual(
    found.menus.map((menu) => menu.id),
    MENUS,
    found.toText(),
  )
  assert.ok(found.menus.every((menu) => menu.explored))
  assert.equal(found.budgetHit, null)
  assert.equal(found.start, 'menu:main_menu')
  for (const format of ['mermaid', 'svg']) {
    const drawing = diagram.render(found.map, { format })
    for (const menu of MENUS) {
      assert.ok(drawing.includes(menu), `${format} draws ${menu}`)
    }
  }
}

/**
 * Serves `listener` on 127.0.0.1 for at most `maxRequests` requests and `maxMs`
 * milliseconds, whichever comes first, while `use(baseUrl)` runs; then closes.
 */
async function serveBounded(listener, { maxRequests, maxMs }, use) {
  let handled = 0
  const server = http.createServer((req, res) => {
    handled += 1
    if (handled >= maxRequests) {
      server.close()
    }
    listener(req, res)
  })
  const deadline = setTimeout(() => {
    server.close()
    server.closeAllConnections()
  }, maxMs)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  try {
    return await use(`http://127.0.0.1:${server.address().port}`)
  } finally {
    clearTimeout(deadline)
    const closed = new Promise((resolve) => server.close(resolve))
    server.closeAllConnections()
    await closed
  }
}

/**
 * The sample, with key 3 of the main menu throwing and key 4 leading to a menu whose
 * every input comes back to it.
 */
function broken(onCallAction) {
  const trap = voice.Reply
    .builder({ clientActionId: 'trap' })
    .sayAndCapture({ promptMessage: 'You are stuck.', voiceProfile: 'en-US-BenjaminRUS' })
    .build()
  return (event) => {
    if (event.eventType === 'CALL_ACTION') {
      if (event.clientActionId === 'main_menu' && event.dtmf === '3') {
        throw new Error('key 3 was never implemented')
      }
      if (event.clientActionId === 'trap' || (event.clientActionId === 'main_menu' && event.dtmf === '4')) {
        return trap
      }
    }
    return onCallAction(event)
  }
}

describe('the ported advanced IVR, mapped whole', () => {
  it('as a webhook function', async () => {
    const found = await explore({ backend: advanced.onCallAction, inbound: INBOUND })
    assertMappedWhole(found)
    assert.ok(found instanceof Exploration)
    const [main] = found.menus
    assert.equal(main.clientActionId, 'main_menu')
    assert.equal(main.inputs['1'], 'menu:reservations')
    assert.equal(main.inputs['2'], 'bridge')
    assert.equal(main.inputs.hangup, 'caller-hangup')
    assert.equal(Object.keys(main.inputs).length, 14)
    assert.deepEqual(found.menus[2].path, ['1', '1'])
    assert.deepEqual(found.coverage, {
      menus: 4,
      menusExplored: 4,
      inputsTried: 56,
      outcomes: { bridge: 1, 'caller-hangup': 4, hangup: 11, menu: 40 },
      calls: 57,
      maxCalls: 500,
      depth: 2,
      maxDepth: 10,
    })
    assert.deepEqual(found.scenarios(), [])
    assert.match(found.toText(), /no findings/)
    assert.deepEqual(JSON.parse(JSON.stringify(found)), JSON.parse(found.toJson()))
  })

  it('as an Express app, served on loopback: the same exploration', async () => {
    const asApp = await explore({ backend: advanced, inbound: INBOUND })
    assertMappedWhole(asApp)
    const asFunction = await explore({ backend: advanced.onCallAction, inbound: INBOUND })
    assert.equal(asApp.toJson(), asFunction.toJson())
  })

  it('through an HTTP URL, on a bounded loopback server', async () => {
    // 57 calls of at most three webhooks each (call actions and the summary).
    const found = await serveBounded(advanced, { maxRequests: 400, maxMs: 60_000 }, (base) =>
      explore({ backend: `${base}/vca`, inbound: INBOUND, vssPath: '/vss' }),
    )
    assertMappedWhole(found)
    assert.equal(found.toJson(), (await explore({ backend: advanced.onCallAction, inbound: INBOUND })).toJson())
  })

  it('gives the same JSON as Python for the same backend', async () => {
    const fromMap = await explore({ backend: new MapBackend(ADVANCED_MAP), inbound: INBOUND })
    const fromSample = await explore({ backend: advanced.onCallAction, inbound: INBOUND })
    assert.equal(fromSample.toJson(), fromMap.toJson())
    assert.equal(crypto.createHash('sha256').update(fromMap.toJson()).digest('hex'), ADVANCED_DIGEST)
  })

  it('the map it draws answers like the sample', async () => {
    const found = await explore({ backend: advanced.onCallAction, inbound: INBOUND })
    const again = await explore({ backend: new MapBackend(found.map), inbound: INBOUND })
    assert.equal(again.toJson(), found.toJson())
  })

  it('an outbound request, whose own menu has no clientActionId', async () => {
    const reply = advanced.onCallAction({ eventType: 'CALL_ACTION', clientActionId: null })
    const [capture] = JSON.parse(JSON.stringify(reply)).callflow
    const request = {
      callflow: [{ action: 'makeCall', params: { source: '+6512345678', destination: '+6587654321' } }, capture],
    }
    const found = await explore({ backend: advanced.onCallAction, request: JSON.stringify(request) })
    assert.equal(found.start, 'menu:menu-1', found.toText())
    assert.deepEqual(
      found.menus.map((menu) => menu.id),
      ['menu-1', ...MENUS],
    )
    assert.equal(found.coverage.depth, 3)
    found.assertOk().assertNoFindings()
  })
})

describe('a deliberately broken copy', () => {
  it('gets exactly an unhandled input at key 3 and a caller trap behind key 4', async () => {
    const found = await explore({ backend: broken(advanced.onCallAction), inbound: INBOUND })
    assert.deepEqual(
      findings(found),
      [
        ['unhandled-input', ['3'], 'http-error'],
        ['caller-trap', ['4'], null],
      ],
      found.toText(),
    )
    assert.equal(found.ok, false)
    assert.equal(found.errors.length, 2)
    assert.match(found.findings[0].message, /pressing 3 at menu main_menu/)
    assert.throws(() => found.assertOk(), { name: 'AssertionError', message: /caller-trap/ })
    assert.ok(found.menus.some((menu) => menu.id === 'trap'))
  })

  it('a finding replays as a scenario, which passes once fixed', async () => {
    const found = await explore({ backend: broken(advanced.onCallAction), inbound: INBOUND })
    const [first] = found.scenarios()
    assert.equal(first.file, '01-unhandled-input.json')
    assert.deepEqual(first.scenario.script, [{ press: '3' }, 'hangup'])
    assert.equal((await runScenario(first.scenario, broken(advanced.onCallAction))).passed, false)
    ;(await runScenario(first.scenario, advanced.onCallAction)).assertPassed()
  })
})

describe('budgets and dialects', () => {
  it('maxCalls and maxDepth are reported when hit', async () => {
    const found = await explore({ backend: advanced.onCallAction, inbound: INBOUND, maxCalls: 5 })
    assert.deepEqual([found.calls, found.budgetHit, found.coverage.maxCalls], [5, 'maxCalls', 5])
    assert.match(found.toText(), /budget hit: maxCalls/)
    const deep = await explore({ backend: advanced.onCallAction, inbound: INBOUND, maxDepth: 1 })
    assert.equal(deep.budgetHit, 'maxDepth')
    assert.deepEqual(
      deep.menus.map((menu) => [menu.id, menu.explored]),
      [
        ['main_menu', true],
        ['reservations', false],
      ],
    )
  })

  it('dialect both finds nothing dialect-dependent in the sample', async () => {
    const both = await explore({ backend: advanced.onCallAction, inbound: INBOUND, dialect: 'both' })
    assert.deepEqual(both.findings, [])
    assert.ok(both.calls > 57)
    assertMappedWhole(await explore({ backend: advanced, inbound: INBOUND, dialect: 'legacy' }))
  })
})

describe('bad arguments', () => {
  const typeErrors = [
    [{ inbound: INBOUND, maxCalls: '5' }, /maxCalls must be a whole number/],
    [{ inbound: INBOUND, maxDepth: 1.5 }, /maxDepth must be a whole number/],
    [{ inbound: { from: '+6591234567' } }, /inbound must be \{ from, to \}/],
    [{ inbound: INBOUND, request: { callflow: [] } }, /not both/],
    [{}, /explore needs request/],
    [{ inbound: INBOUND, colour: 'blue' }, /unknown setting "colour"/],
  ]
  for (const [settings, message] of typeErrors) {
    it(`TypeError: ${message}`, async () => {
      await assert.rejects(explore({ backend: advanced.onCallAction, ...settings }), { name: 'TypeError', message })
    })
  }

  it('TypeError: a backend that is none', async () => {
    await assert.rejects(explore({ backend: 42, inbound: INBOUND }), { name: 'TypeError', message: /backend must be/ })
    await assert.rejects(explore(null), { name: 'TypeError', message: /must be an object/ })
  })

  const unusable = [
    [{ maxCalls: 0 }, /maxCalls must be at least 1/],
    [{ maxDepth: -1 }, /invalid value/],
    [{ dialect: 'klingon' }, /unknown variant/],
    [{ options: { colour: 'blue' } }, /colour/],
  ]
  for (const [settings, message] of unusable) {
    it(`EmulatorError: ${message}`, async () => {
      await assert.rejects(explore({ backend: advanced.onCallAction, inbound: INBOUND, ...settings }), (err) => {
        assert.ok(err instanceof EmulatorError)
        assert.equal(err.code, 'invalid-options')
        assert.match(err.message, message)
        return true
      })
    })
  }

  it('a request that is not JSON is invalid-request', async () => {
    await assert.rejects(explore({ backend: advanced.onCallAction, request: '{' }), (err) => {
      assert.ok(err instanceof EmulatorError)
      assert.equal(err.code, 'invalid-request')
      return true
    })
  })

  it('a refused request is a finding, not an error', async () => {
    const found = await explore({ backend: advanced.onCallAction, request: { callflow: [{ action: 'hangup' }] } })
    assert.deepEqual(
      found.findings.map((finding) => finding.code),
      ['request-invalid'],
    )
    assert.deepEqual(found.menus, [])
    assert.equal(found.ok, false)
  })

  it('a call given back twice, or an explorer handed to runHttp, cannot be used again', async () => {
    const explorer = Explorer.inbound(INBOUND.from, INBOUND.to, null, { maxCalls: 1 })
    const call = explorer.nextCall()
    explorer.record(call) // never run: the call met no menu, so nothing is left to try
    assert.throws(() => explorer.record(call), /given back to its explorer/)
    assert.equal(explorer.nextCall(), null)
    assert.equal(explorer.exploration().toJSON().calls, 1)
    const handed = Explorer.inbound(INBOUND.from, INBOUND.to, null, { maxCalls: 2 })
    assert.throws(() => handed.runHttp({ vcaUrl: 'ftp://127.0.0.1/vca' }), { name: 'TypeError', message: /ftp/ })
    // A port that was served and is closed again: every call fails to connect.
    const closed = await serveBounded(advanced, { maxRequests: 1, maxMs: 10_000 }, (base) => base)
    const offline = await handed.runHttp({ vcaUrl: `${closed}/vca` })
    assert.equal(offline.toJSON().start, 'error:connection-failed')
    assert.throws(() => handed.nextCall(), /handed to runHttp/)
  })
})

// The shared vectors of tests/fixtures/explore/, as Rust and Python run them.
describeVectors('explore', { files: 1, cases: 8 }, async (testCase) => {
  const settings = testCase.settings || {}
  const start = testCase.inbound ? { inbound: testCase.inbound } : { request: testCase.request }
  const found = await explore({
    backend: new MapBackend(testCase.backend),
    ...start,
    ...(testCase.options ? { options: testCase.options } : {}),
    ...settings,
  })
  assert.deepEqual(JSON.parse(found.toJson()), testCase.expected)
  assert.deepEqual(
    found.findings.map((finding) => finding.code),
    testCase.expected.findings.map((finding) => finding.code),
  )
})
