// Wraps the change given to `YayClient.modifyFlow` for the Rust client, which reads the
// flow, calls the wrapper with it as JSON text and writes back the JSON text it resolves
// to: what the change returned (awaited when it is a Promise), or the flow it edited in
// place when it returned nothing. The addon evaluates this expression once per
// JavaScript environment.
(change) => async (text) => {
  const flow = JSON.parse(text)
  const changed = await change(flow)
  return JSON.stringify(changed === undefined ? flow : changed) ?? 'null'
}
