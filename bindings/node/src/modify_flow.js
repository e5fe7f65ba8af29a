// Adds `YayClient.prototype.modifyFlow`: read a flow, let `change` edit it (in place, or
// by returning a new object, synchronously or not), and write the whole object back.
;(function installModifyFlow(YayClient) {
  Object.defineProperty(YayClient.prototype, 'modifyFlow', {
    configurable: true,
    writable: true,
    value: async function modifyFlow(uuid, change) {
      if (typeof change !== 'function') {
        const err = new TypeError(`change must be a function, not ${change === null ? 'null' : typeof change}`)
        err.code = 'ERR_INVALID_ARG_TYPE'
        throw err
      }
      const flow = await this.getFlow(uuid)
      const changed = await change(flow)
      return this.updateFlow(uuid, changed === undefined ? flow : changed)
    },
  })
})
