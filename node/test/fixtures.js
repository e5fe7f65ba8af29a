'use strict'
// The shared vectors of tests/fixtures/ (see the README there), read by the vector tests
// and the example tests, the forms each case runs in, and the IVR samples of examples/
// loaded with a chosen environment. Not a test file of its own: it declares tests when
// called.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it } = require('node:test')

const ROOT = path.join(__dirname, '..', '..')
const FIXTURES = path.join(ROOT, 'tests', 'fixtures')

/** One vector file of tests/fixtures/`folder`: `{ description, cases }`. */
function readVectors(folder, file) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, folder, file), 'utf8'))
}

/** Every file of tests/fixtures/`folder`, in name order, as `{ file, group }`. */
function vectorGroups(folder) {
  return fs
    .readdirSync(path.join(FIXTURES, folder))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, group: readVectors(folder, file) }))
}

/**
 * The forms a case runs in: a `document` as an object, JSON text and UTF-8 bytes; a
 * `body` as text and bytes.
 */
function inputs(testCase) {
  if ('body' in testCase) {
    return { text: testCase.body, bytes: Buffer.from(testCase.body) }
  }
  const text = JSON.stringify(testCase.document)
  return { object: testCase.document, text, bytes: Buffer.from(text) }
}

/**
 * Declares one test per case of every vector file in tests/fixtures/`folder`, grouped by
 * file, each running `check(testCase)`, and a test that at least `minimum.files` files
 * and `minimum.cases` cases were found.
 */
function describeVectors(folder, minimum, check) {
  const groups = vectorGroups(folder)
  let total = 0
  for (const { file, group } of groups) {
    describe(`${file}: ${group.description}`, () => {
      for (const testCase of group.cases) {
        total += 1
        it(testCase.name, () => check(testCase))
      }
    })
  }
  it(`reads every vector file of tests/fixtures/${folder}`, () => {
    assert.ok(groups.length >= minimum.files, `${groups.length} files`)
    assert.ok(total >= minimum.cases, `${total} cases`)
  })
}

/** The environment variables the IVR samples read. */
const EXAMPLE_ENV = ['CALLFLOW_SOURCE_PN', 'CALLFLOW_DESTINATION_PN', 'CALLFLOW_WEBHOOK_SECRET']

/**
 * The IVR sample examples/`example` (its Express app, with `onCallAction`), loaded afresh
 * with `env` as its environment: the variables it reads are set as given, or unset.
 */
function loadExample(example, env = {}) {
  const file = require.resolve(`../examples/${example}`)
  const saved = Object.fromEntries(EXAMPLE_ENV.map((name) => [name, process.env[name]]))
  try {
    for (const name of EXAMPLE_ENV) {
      if (name in env) {
        process.env[name] = env[name]
      } else {
        delete process.env[name]
      }
    }
    delete require.cache[file]
    return require(file)
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name]
      } else {
        process.env[name] = value
      }
    }
  }
}

module.exports = { ROOT, describeVectors, inputs, loadExample, readVectors, vectorGroups }
