'use strict'
// Runs the ```js blocks of the project README's "From Node", "Testing an IVR without a
// phone" and IVR map sections and of the package README, so none can rot.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { it } = require('node:test')
const vm = require('node:vm')

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
const PACKAGE_README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')

function section(markdown, title) {
  const start = markdown.indexOf(`\n## ${title}\n`)
  assert.notEqual(start, -1, `README has a "## ${title}" section`)
  const end = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start, end === -1 ? undefined : end)
}

function jsBlocks(markdown) {
  return [...markdown.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1])
}

const blocks = [
  ...jsBlocks(section(README, 'From Node')),
  ...jsBlocks(section(README, 'Testing an IVR without a phone')),
  ...jsBlocks(section(README, 'An IVR in one file: IVR maps and `callflow serve`')),
  ...jsBlocks(PACKAGE_README),
]

it('the project README and the package README have Node examples', () => {
  assert.ok(blocks.length >= 3)
})

// The package's own entries resolve to this checkout; a block may `await`.
const requireFromPackage = (name) => require(name.replace(/^callflow-rs(?=\/|$)/, '..'))

blocks.forEach((code, index) => {
  it(`README Node example ${index + 1} runs`, async () => {
    await vm.runInThisContext(`(async function (require) {\n${code}\n})`)(requireFromPackage)
  })
})
