'use strict'
// What the vector suites share: the groups of a directory of tests/fixtures/, and the
// forms each case is checked in.

const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.join(__dirname, '..', '..')

/** Every file of `tests/fixtures/<kind>/`, in name order, as `{ file, group }`. */
function vectorGroups(kind) {
  const dir = path.join(ROOT, 'tests', 'fixtures', kind)
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, group: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }))
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

module.exports = { ROOT, inputs, vectorGroups }
