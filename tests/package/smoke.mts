// Smoke test of the installed npm packages, from an empty project with no Rust toolchain:
// `tsc --strict` checks it against the installed types, then `node smoke.mjs REPO VERSION`
// runs it.
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import { diagram, pbx, voice } from 'callflow-rs'
import { emulate } from 'callflow-rs/testing'

const [repo, version] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const main = dirname(require.resolve('callflow-rs/package.json'))
const manifest = JSON.parse(readFileSync(join(main, 'package.json'), 'utf8')) as {
  version: string
  optionalDependencies?: Record<string, string>
}
assert.equal(manifest.version, version)
// The main package carries no binary: it lists the platform packages, of its version,
// and the loader takes the binary from the one installed.
assert.deepEqual(readdirSync(main).filter((file) => file.endsWith('.node')), [])
const platforms = Object.entries(manifest.optionalDependencies ?? {})
assert.ok(platforms.length > 0 && platforms.every(([, wanted]) => wanted === version), JSON.stringify(platforms))
const installed = platforms.filter(([name]) => {
  try {
    return Boolean(require.resolve(`${name}/package.json`))
  } catch {
    return false
  }
})
assert.equal(installed.length, 1, JSON.stringify(platforms))

const seed = readFileSync(join(repo, 'examples/voice/simple-ivr.json'))
const report = voice.validate(seed, { profile: 'request' })
assert.equal(report.statusCode, 1, JSON.stringify(report))

const event = voice.parseEvent('{"eventType": "CALL_ACTION", "payload": {"eventData": {"dtmf": "2"}, "clientActionId": "menu"}}')
assert.equal(event.eventType, 'CALL_ACTION')
assert.equal(event.eventType === 'CALL_ACTION' ? event.dtmf : null, '2')

const pete = readFileSync(join(repo, 'examples/pbx/call-pete.json'), 'utf8')
const checked = pbx.check(pete)
assert.deepEqual(checked.issues.map((issue) => issue.code), ['missing-outcome'])
assert.equal(checked.statusCode, null, 'a valid Yay.com flow answers no status code')

assert.ok(diagram.render(pete, { format: 'svg' }).startsWith('<svg'))

const call = await emulate({
  request: seed,
  backend: (incoming: voice.VoiceEvent) =>
    incoming.eventType === 'CALL_ACTION' && incoming.dtmf === '1' ? voice.Reply.builder().hangup().build() : null,
  press: '1',
})
call.assertOk().assertStatus('COMPLETED')
assert.ok(call.heard[0]?.startsWith('Dear customer'), call.transcript)
console.log(`npm packages OK: callflow-rs ${manifest.version}, ${call.webhooks.length} webhooks answered`)

/** Never called: the types make this an error, so tsc fails on an unused directive if they are missing. */
export function typeMistake(): void {
  // @ts-expect-error: not a profile
  voice.validate(seed, { profile: 'sideways' })
}
