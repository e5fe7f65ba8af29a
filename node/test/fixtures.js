'use strict'
// The shared vectors of tests/fixtures/ (see the README there), read by the vector tests
// and the example tests. Not a test file of its own: it declares tests when called.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it } = require('node:test')

const FIXTURES = path.join(__dirname, '..', '..', 'tests', 'fixtures')

/** One vector file of tests/fixtures/`folder`: `{ description, cases }`. */
function readVectors(folder, file) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, folder, file), 'utf8'))
}

/**
 * Declares one test per case of every vector file in tests/fixtures/`folder`, grouped by
 * file, each running `check(testCase)`, and a test that at least `minimum.files` files
 * and `minimum.cases` cases were found.
 */
function describeVectors(folder, minimum, check) {
  const files = fs.readdirSync(path.join(FIXTURES, folder)).filter((name) => name.endsWith('.json')).sort()
  let total = 0
  for (const file of files) {
    const group = readVectors(folder, file)
    describe(`${file}: ${group.description}`, () => {
      for (const testCase of group.cases) {
        total += 1
        it(testCase.name, () => check(testCase))
      }
    })
  }
  it(`reads every vector file of tests/fixtures/${folder}`, () => {
    assert.ok(files.length >= minimum.files, `${files.length} files`)
    assert.ok(total >= minimum.cases, `${total} cases`)
  })
}

module.exports = { describeVectors, readVectors }
