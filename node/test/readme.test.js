'use strict'
// Runs the ```js blocks of the README's "From Node" section, so the README cannot rot.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { it } = require('node:test')
const vm = require('node:vm')

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')

function nodeSection(markdown) {
  const start = markdown.indexOf('\n## From Node\n')
  assert.notEqual(start, -1, 'README has a "## From Node" section')
  const end = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start, end === -1 ? undefined : end)
}

const blocks = [...nodeSection(README).matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1])

it('the README has a Node example', () => {
  assert.ok(blocks.length > 0)
})

blocks.forEach((code, index) => {
  it(`README "From Node" example ${index + 1} runs`, () => {
    const requireFromPackage = (name) => require(name === 'callflow-rs' ? '..' : name)
    vm.runInThisContext(`(function (require) {\n${code}\n})`)(requireFromPackage)
  })
})
