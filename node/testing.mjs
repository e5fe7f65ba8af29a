// The ES module entry of `callflow-rs/testing`.
import testing from './testing.js'

export const { emulate, runScenario, explore, CallResult, ScenarioResult, Exploration } = testing
export const { Emulator, Explorer, Transcript, MapBackend, Scenario, Webhook } = testing
export default testing
