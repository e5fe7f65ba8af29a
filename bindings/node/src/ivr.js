// Adds `withHandlers` and `reply` to `ivr.Ivr`: the handlers are JavaScript functions,
// sync or `async`, called with the event; what they return is validated by the core.
;(function installIvr(Ivr) {
  const handlersOf = new WeakMap()

  function invalidArg(message) {
    const err = new TypeError(message)
    err.code = 'ERR_INVALID_ARG_TYPE'
    return err
  }

  Object.defineProperty(Ivr.prototype, 'withHandlers', {
    configurable: true,
    writable: true,
    value: function withHandlers(handlers) {
      if (handlers === null || typeof handlers !== 'object') {
        throw invalidArg('handlers must be an object of functions by name')
      }
      const names = this.handlerNames
      const registered = new Map(handlersOf.get(this))
      for (const [name, handler] of Object.entries(handlers)) {
        if (typeof handler !== 'function') {
          throw invalidArg(`handler ${JSON.stringify(name)} must be a function, not ${handler === null ? 'null' : typeof handler}`)
        }
        if (!names.includes(name)) {
          throw new RangeError(`the map calls no handler ${JSON.stringify(name)}; it calls ${JSON.stringify(names)}`)
        }
        registered.set(name, handler)
      }
      handlersOf.set(this, registered)
      return this
    },
  })

  Object.defineProperty(Ivr.prototype, 'reply', {
    configurable: true,
    writable: true,
    value: async function reply(event) {
      const turn = this.route(event)
      if (turn.handler === null) {
        return turn.reply
      }
      const handler = (handlersOf.get(this) || new Map()).get(turn.handler)
      if (handler === undefined) {
        throw new Error(`the map calls handler ${JSON.stringify(turn.handler)}, which is not registered: use withHandlers({ ${turn.handler}: ... })`)
      }
      const returned = await handler(event)
      const json = typeof returned === 'string' ? JSON.stringify(returned) : returned
      try {
        return this.handlerReply(json === undefined ? null : json)
      } catch (err) {
        err.message = `handler ${JSON.stringify(turn.handler)} returned a reply that is not valid: ${err.message}`
        throw err
      }
    },
  })
})
