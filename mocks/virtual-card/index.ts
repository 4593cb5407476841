/** Public surface of the virtual My Number Card (see README.md). */
export {
  VirtualJpkiCard,
  GENERIC_CARD_ATR,
  MAX_SIGN_INPUT_LENGTH,
  type VirtualJpkiCardOptions,
} from './jpki-applet';
export {
  VirtualCardTransport,
  type VirtualCardTransportOptions,
  type ApduLogEntry,
} from './in-process-transport';
export {
  VpcdCard,
  VpcdControl,
  VpcdFrameReader,
  encodeVpcdFrame,
  VPCD_DEFAULT_HOST,
  VPCD_DEFAULT_PORT,
  type VpcdCardOptions,
  type RemovalReason,
} from './vpcd-client';
export {
  SCENARIO_NAMES,
  ScenarioError,
  parseScenario,
  applyScenarioToState,
  createScenarioCard,
  createScenarioTransport,
  type Scenario,
  type ScenarioCardOptions,
} from './scenarios';
export { prepareCardState, isExpired, type CardSetupOptions } from './card-setup';
export {
  createCardState,
  loadCardState,
  saveCardStateAtomic,
  cardStateToJSON,
  cardStateFromJSON,
  type VirtualCardState,
  type VirtualCardStateJSON,
} from './state';
export {
  CardPace,
  SLOW_CARD,
  HANGING_CARD,
  hangingSignature,
  parseHang,
  type CardPaceOptions,
} from './card-pace';
export { Sw, swHex, statusWordOf } from './status-words';
export { parseCommandApdu, type CommandApdu } from './command-apdu';
