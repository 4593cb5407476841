/** The app's client of the card bridge. Test helpers (test-support.ts) are deliberately not exported. */
export { BridgeClient } from './bridge-client';
export { SimulatorControls } from './simulator-controls';
