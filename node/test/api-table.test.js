'use strict'
// docs/API.md lists every public item in Rust, Python and Node side by side: each Node
// name it gives must exist in the package (or, for `type x`, be declared in its
// TypeScript declarations), so the table cannot go stale.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it } = require('node:test')

const ROOT = path.join(__dirname, '..')
const TABLE = fs.readFileSync(path.join(ROOT, '..', 'docs', 'API.md'), 'utf8')
const HEADER = '| Concept | Rust | Python | Node | Note |'
const DECLARATIONS = ['index.d.ts', 'webhooks.d.ts', 'testing.d.ts']
  .map((file) => fs.readFileSync(path.join(ROOT, file), 'utf8'))
  .join('\n')
const MODULES = {
  '': require('..'),
  webhooks: require('../webhooks'),
  testing: require('../testing'),
}

/** The Node column's names, in table order. */
function nodeNames() {
  const names = []
  let inTable = false
  for (const line of TABLE.split('\n')) {
    if (line.trim() === HEADER) {
      inTable = true
      continue
    }
    if (!line.startsWith('|')) {
      inTable = false
      continue
    }
    if (inTable && !line.startsWith('| ---')) {
      const cell = line.slice(1, -1).split('|')[3]
      for (const match of cell.matchAll(/`([^`]+)`/g)) names.push(match[1])
    }
  }
  return names
}

/** Whether `name` is a member of the run-time package, following `a.b.c`. */
function exists(name) {
  const [module, dotted] = name.includes('/') ? name.split('/') : ['', name]
  let found = MODULES[module]
  if (found === undefined) return false
  for (const part of dotted.split('.')) {
    if (found === null || found === undefined) return false
    const owner = found
    if (!(part in Object(owner))) return false
    const descriptor = Object.getOwnPropertyDescriptor(owner, part)
    // A getter on a prototype is a member; reading it off the prototype would throw.
    found = descriptor && descriptor.get ? descriptor.get : owner[part]
  }
  return found !== undefined
}

/** Whether the TypeScript declarations declare `type a.b.Name` (its last part). */
function declared(name) {
  const last = name.split('.').pop()
  return new RegExp(`(interface|type|class|enum)\\s+${last}\\b`).test(DECLARATIONS)
}

describe('docs/API.md, Node column', () => {
  const names = nodeNames()

  it('lists the Node names, each once', () => {
    assert.ok(names.length > 100, `only ${names.length} names`)
    assert.equal(new Set(names).size, names.length, 'a Node name is listed twice')
  })

  for (const name of names) {
    it(`has ${name}`, () => {
      if (name.startsWith('type ')) assert.ok(declared(name.slice(5)), `${name} is not declared`)
      else assert.ok(exists(name), `${name} is not in the package`)
    })
  }

  it('lists every export of the package', () => {
    const listed = new Set(names)
    const missing = []
    for (const [module, exported] of Object.entries(MODULES)) {
      for (const [key, value] of Object.entries(exported)) {
        if (key === '__napiBindingTarget') continue
        const name = module ? `${module}/${key}` : key
        const isNamespace = !module && value && typeof value === 'object' && !Array.isArray(value) &&
          Object.values(value).some((member) => typeof member === 'function')
        if (!isNamespace) {
          if (!listed.has(name)) missing.push(name)
          continue
        }
        for (const member of Object.keys(value)) {
          if (!listed.has(`${key}.${member}`)) missing.push(`${key}.${member}`)
        }
      }
    }
    assert.deepEqual(missing, [], 'public but not in docs/API.md')
  })

  it('catches a missing name', () => {
    assert.equal(exists('voice.NoSuchThing'), false)
    assert.equal(declared('voice.NoSuchThing'), false)
  })
})
