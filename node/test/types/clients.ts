// The API clients' types: results, errors and `modifyFlow`, as a
// TypeScript user sees them. Never run; `tsc --noEmit --strict` must accept it, and each
// `@ts-expect-error` line must stay an error.
import { ApiError, TransportError, VoiceClient, YayClient, voice } from '../..'

export async function sendMessage(client: VoiceClient): Promise<string> {
  const flow = voice.Callflow.builder().makeCall({ source: '+6512341234', destination: '+6512345678' }).hangup().build()
  try {
    const session = await client.sendCallflow(flow)
    return session.sessionId
  } catch (err) {
    if (err instanceof ApiError && err.status === 429) {
      return `retry in ${err.retryAfter ?? 0} s`
    }
    if (err instanceof TransportError && err.code === 'timeout') {
      return 'no answer'
    }
    throw err
  }
}

export async function rename(client: YayClient): Promise<unknown> {
  const renamed = await client.modifyFlow('31347d42', (flow) => ({ ...flow, name: 'Call Peter' }))
  await client.modifyFlow('31347d42', async (flow) => {
    flow.show_call_route_name = true
  })
  // @ts-expect-error: the change is a function
  await client.modifyFlow('31347d42', { name: 'Call Peter' })
  return renamed.name
}

export function yayClient(): YayClient {
  const waits: number[] = []
  return new YayClient('acme', 'admin', 'hunter2', { onBehalfOf: 'cust-1', sleep: (ms) => void waits.push(ms) })
}
